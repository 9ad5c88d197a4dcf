# SYNTAX TEST "source.dockerfile" "FROM image references and AS, flags and their values"
FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build
#    ^^^^^^^^^^ variable.parameter.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^ string.unquoted.flag-value.dockerfile variable.other.readwrite.dockerfile punctuation.definition.variable.dockerfile
#                ^^^^^^^^^^^^^ variable.other.readwrite.dockerfile
#                              ^^^^^^ meta.image-reference.dockerfile entity.name.namespace.image.dockerfile
#                                    ^ entity.name.namespace.image.dockerfile punctuation.separator.tag.dockerfile
#                                     ^^^^^^^^^^^ entity.name.namespace.image.dockerfile constant.other.tag.dockerfile
#                                                 ^^ keyword.control.dockerfile - entity.name.namespace.image.dockerfile
#                                                    ^^^^^ entity.name.type.stage.dockerfile
FROM localhost:5000/team/app:2.1 as final
#    ^^^^^^^^^^^^^^^^^^^^^^^ entity.name.namespace.image.dockerfile - constant.other.tag.dockerfile
#                           ^ punctuation.separator.tag.dockerfile
#                            ^^^ constant.other.tag.dockerfile
#                                ^^ keyword.control.dockerfile
#                                   ^^^^^ entity.name.type.stage.dockerfile
FROM app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
#    ^^^ entity.name.namespace.image.dockerfile - constant.other.digest.dockerfile
#       ^ punctuation.separator.digest.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.namespace.image.dockerfile constant.other.digest.dockerfile
FROM ${REGISTRY}/app:${TAG}
#    ^^ meta.image-reference.dockerfile variable.other.bracket.dockerfile punctuation.definition.variable.dockerfile
#      ^^^^^^^^ variable.other.readwrite.dockerfile
#               ^^^^ entity.name.namespace.image.dockerfile
#                   ^ punctuation.separator.tag.dockerfile
#                      ^^^ variable.other.readwrite.dockerfile
FROM scratch
#    ^^^^^^^ entity.name.namespace.image.dockerfile
FROM --platform=linux/arm64 \
#               ^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
     node:22 \
#    ^^^^ entity.name.namespace.image.dockerfile
#            ^ constant.character.escape.line-continuation.dockerfile
     AS deps
#    ^^ keyword.control.dockerfile - entity.name.namespace.image.dockerfile
#       ^^^^ entity.name.type.stage.dockerfile
RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=type=secret,id=npmrc,required=true \
#   ^^^^^^^ meta.flag.mount.dockerfile variable.parameter.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^^ entity.other.attribute-name.dockerfile
#               ^ keyword.operator.assignment.dockerfile
#                ^^^^^ support.constant.mount-type.dockerfile
#                     ^ punctuation.separator.comma.dockerfile
#                      ^^^^^^ entity.other.attribute-name.dockerfile
#                             ^^^^^^^^^^^^ string.unquoted.dockerfile
#                                          ^^^^^^^ entity.other.attribute-name.dockerfile
#                                                  ^^^^^^ string.unquoted.dockerfile
#                                                                      ^^^^^^ support.constant.mount-type.dockerfile
#                                                                                      ^^^^^^^^ entity.other.attribute-name.dockerfile
    --mount=type=bind,from=build,source=/out,target=/in,ro \
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                     ^^^^ entity.other.attribute-name.dockerfile
#                      ^^ entity.other.attribute-name.dockerfile
    --network=none --security=insecure \
#   ^^^^^^^^^ variable.parameter.flag.dockerfile
#             ^^^^ support.constant.dockerfile
#                  ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                             ^^^^^^^^ support.constant.dockerfile
    make build --verbose
#   ^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile - variable.parameter.flag.dockerfile
RUN --mount=type=secret,id=token,env=TOKEN --device=nvidia.com/gpu=all nvidia-smi
#                                ^^^ entity.other.attribute-name.dockerfile
#                                          ^^^^^^^^ variable.parameter.flag.dockerfile
#                                                   ^^^^^^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                                                                      ^^^^^^^^^^ meta.embedded.line.shell.dockerfile
COPY --from=build --chown=app:app --chmod=0755 --link /out/app /usr/local/bin/
#    ^^^^^^ variable.parameter.flag.dockerfile
#           ^^^^^ entity.name.type.stage.dockerfile
#                 ^^^^^^^ variable.parameter.flag.dockerfile
#                         ^^^^^^^ string.unquoted.flag-value.dockerfile
#                                 ^^^^^^^ variable.parameter.flag.dockerfile
#                                         ^^^^ constant.numeric.dockerfile
#                                              ^^^^^^ variable.parameter.flag.dockerfile
#                                                     ^^^^^^^^ meta.instruction.copy.dockerfile - variable.parameter.flag.dockerfile
COPY --from=0 /a /b
#           ^ constant.numeric.stage-index.dockerfile
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
#           ^^^^^ meta.image-reference.dockerfile entity.name.namespace.image.dockerfile
#                ^ punctuation.separator.tag.dockerfile
#                 ^^^^ constant.other.tag.dockerfile
COPY --from=$BUILDER /a /b
#            ^^^^^^^ variable.other.readwrite.dockerfile
COPY --parents --exclude=*.md --link=false ./src/ /app/
#    ^^^^^^^^^ variable.parameter.flag.dockerfile
#              ^^^^^^^^^ variable.parameter.flag.dockerfile
#                        ^^^^ string.unquoted.flag-value.dockerfile
#                                    ^^^^^ constant.language.boolean.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0f1bc6d1d0a --keep-git-dir=true https://example.com/a.tgz /a
#   ^^^^^^^^^^ variable.parameter.flag.dockerfile
#              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                                                                                      ^^^^^^^^^^^^^^ variable.parameter.flag.dockerfile
#                                                                                                     ^^^^ constant.language.boolean.dockerfile
#                                                                                                          ^^^^^^^^^^^^^^^^^^^^^^^^^ markup.underline.link.dockerfile
ADD --unpack=true --chmod=u+x app.tar.gz /opt/
#   ^^^^^^^^ variable.parameter.flag.dockerfile
#                         ^^^ string.unquoted.dockerfile
RUN echo --not-a-flag
#        ^^^^^^^^^^^^ meta.embedded.line.shell.dockerfile - variable.parameter.flag.dockerfile
