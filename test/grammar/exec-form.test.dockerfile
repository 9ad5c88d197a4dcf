# SYNTAX TEST "source.dockerfile" "JSON exec form against shell form"
CMD ["node", "server.js", "--port=8080"]
#   ^ meta.instruction.cmd.dockerfile meta.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#    ^ string.quoted.double.dockerfile punctuation.definition.string.begin.dockerfile
#     ^^^^ string.quoted.double.dockerfile
#          ^ punctuation.separator.array.dockerfile
#                          ^^^^^^^^^^^ string.quoted.double.dockerfile - variable.parameter.flag.dockerfile
#                                      ^ punctuation.definition.array.end.dockerfile
ENTRYPOINT [ "/bin/sh", "-c", "echo \"quoted\" \u00e9" ]
#                                   ^^ constant.character.escape.dockerfile
#                                              ^^^^^^ constant.character.escape.dockerfile
RUN ["apt-get", "install", "-y", "curl"]
#     ^^^^^^^ meta.exec-form.dockerfile string.quoted.double.dockerfile - meta.embedded.line.shell.dockerfile
RUN [ -f /etc/os-release ] && echo yes
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.embedded.line.shell.dockerfile - meta.exec-form.dockerfile
CMD ["bad\escape"]
#   ^^^^^^^^^^^^^^ meta.embedded.line.shell.dockerfile - meta.exec-form.dockerfile
CMD [ "no", closing
#   ^^^^^^^^^^^^^^^ meta.embedded.line.shell.dockerfile - meta.exec-form.dockerfile
CMD ["a", \
#   ^ meta.exec-form.dockerfile
#         ^ meta.exec-form.dockerfile constant.character.escape.line-continuation.dockerfile
     "b"]
#    ^^^ meta.exec-form.dockerfile string.quoted.double.dockerfile
#       ^ punctuation.definition.array.end.dockerfile
CMD echo "shell form" && exec node server.js
#   ^^^^ meta.instruction.cmd.dockerfile meta.embedded.line.shell.dockerfile
#        ^^^^^^^^^^^^ string.quoted.double.shell
#                     ^^ keyword.operator.list.shell
ENTRYPOINT exec /usr/bin/app
#          ^^^^^^^^^^^^^^^^^ meta.embedded.line.shell.dockerfile
SHELL ["pwsh", "-Command"]
#     ^ meta.instruction.shell.dockerfile meta.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#       ^^^^ string.quoted.double.dockerfile
VOLUME ["/data", "/logs"]
#       ^^^^^^^ meta.exec-form.dockerfile string.quoted.double.dockerfile
VOLUME /data /logs
#      ^^^^^^^^^^^ meta.instruction.volume.dockerfile - meta.exec-form.dockerfile
COPY ["my file.txt", "/dest/"]
#     ^^^^^^^^^^^^^ meta.exec-form.dockerfile string.quoted.double.dockerfile
EXPOSE 80
# <------ keyword.control.dockerfile
