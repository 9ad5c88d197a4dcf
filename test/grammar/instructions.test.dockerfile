# SYNTAX TEST "source.dockerfile" "the 18 instructions, case-insensitively, ONBUILD wrapping another, unknown words"
FROM alpine:3.20 AS base
# <---- meta.instruction.from.dockerfile keyword.control.dockerfile
#                ^^ keyword.control.dockerfile
#                   ^^^^ entity.name.type.stage.dockerfile
run echo lower-case keywords work
# <--- meta.instruction.run.dockerfile keyword.control.dockerfile
Cmd ["echo"]
# <--- meta.instruction.cmd.dockerfile keyword.control.dockerfile
LABEL org.opencontainers.image.title="demo"
# <----- meta.instruction.label.dockerfile keyword.control.dockerfile
MAINTAINER someone@example.com
# <---------- meta.instruction.maintainer.dockerfile keyword.control.dockerfile
EXPOSE 8080
# <------ meta.instruction.expose.dockerfile keyword.control.dockerfile
ENV MODE=prod
# <--- meta.instruction.env.dockerfile keyword.control.dockerfile
ADD file.tar.gz /opt/
# <--- meta.instruction.add.dockerfile keyword.control.dockerfile
COPY . /app
# <---- meta.instruction.copy.dockerfile keyword.control.dockerfile
ENTRYPOINT ["/entrypoint.sh"]
# <---------- meta.instruction.entrypoint.dockerfile keyword.control.dockerfile
VOLUME /data
# <------ meta.instruction.volume.dockerfile keyword.control.dockerfile
USER app
# <---- meta.instruction.user.dockerfile keyword.control.dockerfile
WORKDIR /app
# <------- meta.instruction.workdir.dockerfile keyword.control.dockerfile
ARG VERSION
# <--- meta.instruction.arg.dockerfile keyword.control.dockerfile
STOPSIGNAL SIGTERM
# <---------- meta.instruction.stopsignal.dockerfile keyword.control.dockerfile
HEALTHCHECK NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.control.dockerfile
SHELL ["/bin/bash", "-c"]
# <----- meta.instruction.shell.dockerfile keyword.control.dockerfile
ONBUILD RUN make install
# <------- keyword.control.dockerfile - meta.instruction.run.dockerfile
#       ^^^ meta.instruction.run.dockerfile keyword.control.dockerfile
#           ^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile
onbuild copy --from=base /a /b
#       ^^^^ meta.instruction.copy.dockerfile keyword.control.dockerfile
#            ^^^^^^ variable.parameter.flag.dockerfile
   WORKDIR /indented
#  ^^^^^^^ meta.instruction.workdir.dockerfile keyword.control.dockerfile
RUNNING is not an instruction
# <------- meta.instruction.unknown.dockerfile - keyword.control.dockerfile
FROMX alpine
# <----- meta.instruction.unknown.dockerfile - keyword.control.dockerfile
COPY
# <---- meta.instruction.copy.dockerfile keyword.control.dockerfile
USER 1000:1000
#    ^^^^ constant.numeric.dockerfile
#        ^ punctuation.separator.user-group.dockerfile
#         ^^^^ constant.numeric.dockerfile
USER app:staff
#       ^ punctuation.separator.user-group.dockerfile
STOPSIGNAL 9
#          ^ constant.language.signal.dockerfile
EXPOSE 80/tcp 53/udp 8000-8010 $PORT
#      ^^ constant.numeric.port.dockerfile
#        ^ punctuation.separator.protocol.dockerfile
#         ^^^ constant.language.protocol.dockerfile
#                ^^^ constant.language.protocol.dockerfile
#                    ^^^^ constant.numeric.port.dockerfile
#                        ^ punctuation.separator.range.dockerfile
#                         ^^^^ constant.numeric.port.dockerfile
#                              ^^^^^ variable.other.readwrite.dockerfile
HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --retries=3 CMD curl -f http://localhost/
#           ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                     ^ keyword.operator.assignment.dockerfile
#                      ^^^ constant.numeric.duration.dockerfile
#                                    ^^^^^ constant.numeric.duration.dockerfile
#                                                                      ^ constant.numeric.dockerfile
#                                                                        ^^^ keyword.control.dockerfile
#                                                                            ^^^^ meta.embedded.line.shell.dockerfile
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
#           ^^^ keyword.control.dockerfile
#               ^ meta.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
HEALTHCHECK NONE
#           ^^^^ constant.language.none.dockerfile
ADD https://example.com/app.tar.gz /opt/
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ markup.underline.link.dockerfile
ADD git@github.com:moby/buildkit.git /src
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ markup.underline.link.dockerfile
MAINTAINER Jane <jane@example.com>
#          ^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.maintainer.dockerfile
