# SYNTAX TEST "source.dockerfile" "line continuations, comment and empty lines inside them, where an instruction ends"
RUN apt-get update \
#                  ^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile constant.character.escape.line-continuation.dockerfile
    && apt-get install -y \
#   ^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile keyword.operator.list.shell
      --no-install-recommends curl \
#     ^^^^^^^^^^^^^^^^^^^^^^^ meta.embedded.line.shell.dockerfile - variable.parameter.flag.dockerfile
    # a comment line inside the continuation
#   ^ meta.instruction.run.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
#     ^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile

    && rm -rf /var/lib/apt/lists/*
#   ^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile keyword.operator.list.shell
COPY . /app
# <---- meta.instruction.copy.dockerfile keyword.control.dockerfile - meta.instruction.run.dockerfile
RUN echo one \   
#            ^ constant.character.escape.line-continuation.dockerfile
    two
#   ^^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile
RUN echo "a string that goes on \
    on the next line" && echo done
#   ^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile string.quoted.double.shell
#                     ^^ keyword.operator.list.shell - string.quoted.double.shell
RUN echo "a quote that never closes
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile string.quoted.double.shell
COPY a b
# <---- meta.instruction.copy.dockerfile keyword.control.dockerfile - string.quoted.double.shell meta.instruction.run.dockerfile
CMD echo 'one that never closes either
WORKDIR /app
# <------- meta.instruction.workdir.dockerfile keyword.control.dockerfile - string.quoted.single.shell
RUN echo no continuation here
echo is not an instruction
# <-------------------------- meta.instruction.unknown.dockerfile - meta.embedded.line.shell.dockerfile
ENV A="multi \
    line" B=2
#   ^^^^^ meta.instruction.env.dockerfile string.quoted.double.dockerfile
#         ^ variable.other.declaration.dockerfile
LABEL one=1 \
      two=2
#     ^^^ meta.instruction.label.dockerfile variable.other.property.label.dockerfile
ENV A=1 \
# a comment line

    B=2
#   ^ meta.instruction.env.dockerfile variable.other.declaration.dockerfile
EXPOSE 80
# <------ keyword.control.dockerfile
ONBUILD RUN make \
    install
#   ^^^^^^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile
HEALTHCHECK --interval=5s \
    CMD curl -f http://localhost/ \
#   ^^^ meta.instruction.healthcheck.dockerfile keyword.control.dockerfile
    || exit 1
#   ^^ meta.instruction.healthcheck.dockerfile meta.embedded.line.shell.dockerfile keyword.operator.list.shell
ARG A
# <--- keyword.control.dockerfile - meta.instruction.healthcheck.dockerfile
