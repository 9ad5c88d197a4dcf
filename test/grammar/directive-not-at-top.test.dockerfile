# SYNTAX TEST "source.dockerfile" "a directive below the first instruction is a comment and switches nothing"
FROM alpine
# escape=`
# ^^^^^^^^ comment.line.number-sign.dockerfile - meta.preprocessor.directive.escape.dockerfile
RUN echo one \
    two `
#   ^^^ meta.instruction.run.dockerfile meta.embedded.line.shell.dockerfile
COPY a b
# <---- keyword.control.dockerfile - meta.instruction.run.dockerfile
