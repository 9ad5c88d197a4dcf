# SYNTAX TEST "source.dockerfile" "parser directives at the top, comments, suppression comments"
# syntax=docker/dockerfile:1.7
# <- meta.preprocessor.directive.syntax.dockerfile punctuation.definition.directive.dockerfile
# ^^^^^^ meta.preprocessor.directive.syntax.dockerfile keyword.other.directive.syntax.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
#check = skip=JSONArgsRecommended;error=true
# <- meta.preprocessor.directive.check.dockerfile punctuation.definition.directive.dockerfile
#^^^^^ keyword.other.directive.check.dockerfile
#      ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.directive-value.dockerfile
# ESCAPE=\
# ^^^^^^ keyword.other.directive.escape.dockerfile
#        ^ string.unquoted.directive-value.dockerfile - constant.character.escape.dockerfile
# a plain comment ends the directives
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
# ^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - meta.preprocessor.directive.syntax.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - keyword.other.directive.syntax.dockerfile
FROM alpine
# workbench ignore=DL3008,secret-env
# ^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile keyword.other.suppression.dockerfile
#                 ^ keyword.operator.assignment.dockerfile
#                  ^^^^^^ constant.other.rule-id.dockerfile
#                        ^ punctuation.separator.comma.dockerfile
#                         ^^^^^^^^^^ constant.other.rule-id.dockerfile
# hadolint ignore=DL3018
# ^^^^^^^^^^^^^^^ keyword.other.suppression.dockerfile
#                 ^^^^^^ constant.other.rule-id.dockerfile
# hadolint global ignore=DL3059
# ^^^^^^^^^^^^^^^^^^^^^^ keyword.other.suppression.dockerfile
# dockerfile-utils: ignore
# ^^^^^^^^^^^^^^^^^^^^^^^^ keyword.other.suppression.dockerfile
    # an indented comment
#   ^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile
RUN echo hi # not a Dockerfile comment
#           ^^^^^^^^^^^^^^^^^^^^^^^^^^ - comment.line.number-sign.dockerfile
