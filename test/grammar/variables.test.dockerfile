# SYNTAX TEST "source.dockerfile" "variables: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alt}, escaped \$, where Docker expands them"
ARG VERSION=1.0 TARGETOS
#   ^^^^^^^ meta.instruction.arg.dockerfile variable.other.declaration.dockerfile
#          ^ keyword.operator.assignment.dockerfile
#           ^^^ meta.instruction.arg.dockerfile - variable.other.declaration.dockerfile
#               ^^^^^^^^ variable.other.declaration.dockerfile
ENV PATH=/opt/bin:$PATH GREETING="hello ${NAME:-world}" LEGACY_HOME=${HOME:+$HOME/x}
#   ^^^^ variable.other.declaration.dockerfile
#                 ^ variable.other.readwrite.dockerfile punctuation.definition.variable.dockerfile
#                  ^^^^ variable.other.readwrite.dockerfile - variable.other.declaration.dockerfile
#                       ^^^^^^^^ variable.other.declaration.dockerfile
#                                ^^^^^^^ string.quoted.double.dockerfile
#                                       ^^ string.quoted.double.dockerfile variable.other.bracket.dockerfile punctuation.definition.variable.dockerfile
#                                         ^^^^ variable.other.bracket.dockerfile variable.other.readwrite.dockerfile
#                                             ^^ keyword.operator.expansion.dockerfile
#                                               ^^^^^ variable.other.bracket.dockerfile
#                                                    ^ punctuation.definition.variable.dockerfile
#                                                                     ^^^^ variable.other.readwrite.dockerfile
#                                                                         ^^ keyword.operator.expansion.dockerfile
#                                                                           ^^^^^ variable.other.bracket.dockerfile variable.other.readwrite.dockerfile
ENV PRICE=\$5 NOTE='no $EXPANSION here' A=a\ b
#         ^^ constant.character.escape.dockerfile - variable.other.readwrite.dockerfile
#           ^ meta.instruction.env.dockerfile - variable.other.readwrite.dockerfile
#                  ^^^^^^^^^^^^^^^^^^^^ string.quoted.single.dockerfile - variable.other.readwrite.dockerfile
#                                          ^^ constant.character.escape.dockerfile
ENV OLD_STYLE value with spaces $HOME
#   ^^^^^^^^^ variable.other.declaration.dockerfile
#             ^^^^^^^^^^^^^^^^^^ meta.instruction.env.dockerfile - variable.other.declaration.dockerfile
#                               ^^^^^ variable.other.readwrite.dockerfile
LABEL "com.example.vendor"="ACME" version=1.0 description="it's \"fine\"" release=$REL
#     ^^^^^^^^^^^^^^^^^^^^ variable.other.property.label.dockerfile
#                          ^^^^^^ string.quoted.double.dockerfile
#                                 ^^^^^^^ variable.other.property.label.dockerfile
#                                             ^^^^^^^^^^^ variable.other.property.label.dockerfile
#                                                               ^^ string.quoted.double.dockerfile constant.character.escape.dockerfile
#                                                                         ^^^^^^^ variable.other.property.label.dockerfile
#                                                                                  ^^^ variable.other.readwrite.dockerfile
WORKDIR ${APP_HOME}/src
#         ^^^^^^^^ variable.other.readwrite.dockerfile
#                  ^^^^ meta.instruction.workdir.dockerfile - variable.other.bracket.dockerfile
COPY ${SRC:-.} ${DEST}
#      ^^^ variable.other.readwrite.dockerfile
#         ^^ keyword.operator.expansion.dockerfile
#                ^^^^ variable.other.readwrite.dockerfile
COPY ["$SRC", "/dst"]
#      ^^^^ meta.exec-form.dockerfile string.quoted.double.dockerfile variable.other.readwrite.dockerfile
CMD ["echo", "$HOME"]
#             ^^^^^ meta.exec-form.dockerfile string.quoted.double.dockerfile - variable.other.readwrite.dockerfile
USER ${UID}:${GID}
#      ^^^ variable.other.readwrite.dockerfile
#             ^^^ variable.other.readwrite.dockerfile
STOPSIGNAL $SIGNAL
#           ^^^^^^ variable.other.readwrite.dockerfile
ENV SUFFIX=${NAME%.txt} PREFIX=${NAME#*/} SUB=${NAME/a/b}
#                ^ keyword.operator.expansion.dockerfile
#                                    ^ keyword.operator.expansion.dockerfile
#                                                   ^ keyword.operator.expansion.dockerfile
RUN echo $HOME "${USER}"
#        ^^^^^ meta.embedded.line.shell.dockerfile variable.other.normal.shell - variable.other.readwrite.dockerfile
