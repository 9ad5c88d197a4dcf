# SYNTAX TEST "source.dockerfile" "# escape=` at the top switches the continuation and escape character to the backtick"
# syntax=docker/dockerfile:1
# escape=`
# ^^^^^^ meta.preprocessor.directive.escape.dockerfile keyword.other.directive.escape.dockerfile
#        ^ string.unquoted.directive-value.dockerfile
# check=error=true
# ^^^^^ keyword.other.directive.check.dockerfile
FROM mcr.microsoft.com/windows/servercore:ltsc2022
# <---- meta.instruction.from.dockerfile keyword.control.dockerfile
#                                         ^^^^^^^^ constant.other.tag.dockerfile
WORKDIR C:\app\bin
#         ^^ meta.instruction.workdir.dockerfile - constant.character.escape.dockerfile
RUN powershell -Command `
#                       ^ meta.instruction.run.dockerfile meta.shell-form.dockerfile constant.character.escape.line-continuation.dockerfile
    $ErrorActionPreference = 'Stop'; `
#   ^^^^^^^^^^^^^^^^^^^^^^ meta.instruction.run.dockerfile variable.other.readwrite.dockerfile
#                            ^^^^^^ string.quoted.single.dockerfile
    Write-Host "hello"
#              ^^^^^^^ meta.instruction.run.dockerfile meta.shell-form.dockerfile string.quoted.double.dockerfile - meta.embedded.line.shell.dockerfile
ENV PRICE=`$5 DIR=C:\data
#         ^^ constant.character.escape.dockerfile
#                   ^^ meta.instruction.env.dockerfile - constant.character.escape.dockerfile
RUN echo a backslash at the end is not a continuation \
#                                                     ^ meta.instruction.run.dockerfile - constant.character.escape.line-continuation.dockerfile
COPY a b
# <---- meta.instruction.copy.dockerfile keyword.control.dockerfile - meta.instruction.run.dockerfile
CMD ["cmd", "/S", "/C", "echo \"quoted\""]
#                             ^^ meta.exec-form.dockerfile constant.character.escape.dockerfile
COPY --from=build `
     C:\out C:\app
#    ^^^^^^ meta.instruction.copy.dockerfile
HEALTHCHECK CMD powershell -Command Get-Service
#           ^^^ keyword.control.dockerfile
#               ^^^^^^^^^^ meta.shell-form.dockerfile
