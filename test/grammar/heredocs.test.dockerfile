# SYNTAX TEST "source.dockerfile" "heredocs: shell bodies for RUN scripts, text bodies for COPY and for commands' stdin"
FROM alpine
RUN <<EOF
#   ^^^^^ meta.instruction.run.dockerfile meta.heredoc.dockerfile
#   ^^ keyword.operator.heredoc.dockerfile
#     ^^^ keyword.operator.heredoc.delimiter.dockerfile
set -eux
# <-------- meta.heredoc.dockerfile meta.heredoc.body.dockerfile meta.embedded.block.shell.dockerfile
apk add --no-cache curl && echo "it's installed
#                       ^^ meta.embedded.block.shell.dockerfile keyword.operator.list.shell
#                               ^^^^^^^^^^^^^^^ meta.embedded.block.shell.dockerfile string.quoted.double.shell
EOF
# <--- meta.instruction.run.dockerfile meta.heredoc.dockerfile keyword.operator.heredoc.delimiter.dockerfile - meta.heredoc.body.dockerfile string.quoted.double.shell
COPY a b
# <---- meta.instruction.copy.dockerfile keyword.control.dockerfile - meta.heredoc.dockerfile
RUN <<-EOT bash
#   ^^^ keyword.operator.heredoc.dockerfile
#      ^^^ keyword.operator.heredoc.delimiter.dockerfile
#          ^^^^ meta.heredoc.first-line.dockerfile meta.embedded.line.shell.dockerfile
	echo tab-indented
#^^^^^^^^^^^^^^^^^ meta.heredoc.body.dockerfile meta.embedded.block.shell.dockerfile
	EOT
#^^^ keyword.operator.heredoc.delimiter.dockerfile - meta.heredoc.body.dockerfile
RUN <<'EOF' sh -ex
#     ^ punctuation.definition.string.heredoc.dockerfile
#      ^^^ keyword.operator.heredoc.delimiter.dockerfile
echo $HOME
#    ^^^^^ meta.embedded.block.shell.dockerfile variable.other.normal.shell
	EOF
#^^^ meta.heredoc.body.dockerfile
EOF extra
# <--------- meta.heredoc.body.dockerfile
EOFX
# <---- meta.heredoc.body.dockerfile
EOF
# <--- keyword.operator.heredoc.delimiter.dockerfile - meta.heredoc.body.dockerfile
RUN --mount=type=cache,target=/root/.cache <<"EOF"
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                                            ^ punctuation.definition.string.heredoc.dockerfile
pip install -r requirements.txt
# <------------------------------- meta.embedded.block.shell.dockerfile
EOF
RUN <<EOF
#!/usr/bin/env python3
# <---------------------- meta.heredoc.body.dockerfile string.unquoted.heredoc.dockerfile - meta.embedded.block.shell.dockerfile
print("a script in Python is not coloured as shell")
# <----- string.unquoted.heredoc.dockerfile - meta.embedded.block.shell.dockerfile
EOF
RUN <<EOF
#!/bin/bash
# <----------- meta.embedded.block.shell.dockerfile
echo bash
EOF
RUN <<EOF python3
#         ^^^^^^^ meta.heredoc.first-line.dockerfile meta.embedded.line.shell.dockerfile
print("stdin of python3: text")
# <----- meta.heredoc.body.dockerfile string.unquoted.heredoc.dockerfile - meta.embedded.block.shell.dockerfile
EOF
RUN cat <<EOF > /etc/motd && chmod 644 /etc/motd
#   ^^^ meta.embedded.line.shell.dockerfile - meta.heredoc.dockerfile
#       ^^ meta.embedded.line.shell.dockerfile meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#             ^^^^^^^^^^^ meta.heredoc.first-line.dockerfile meta.embedded.line.shell.dockerfile
#                         ^^ meta.heredoc.first-line.dockerfile keyword.operator.list.shell
Welcome, $USER: it's ${DAY:-today}
# <-------- meta.heredoc.body.dockerfile string.unquoted.heredoc.dockerfile
#        ^^^^^ string.unquoted.heredoc.dockerfile variable.other.readwrite.dockerfile
#                      ^^^ variable.other.readwrite.dockerfile
EOF
# <--- keyword.operator.heredoc.delimiter.dockerfile
RUN cat <<'EOF' > /etc/motd
$USER stays literal
# <----- string.unquoted.heredoc.dockerfile - variable.other.readwrite.dockerfile
EOF
RUN cat <<< "a here-string is not a heredoc"
#       ^^^ meta.embedded.line.shell.dockerfile - keyword.operator.heredoc.dockerfile meta.heredoc.dockerfile
COPY <<EOF /app/config.json
#    ^^ meta.instruction.copy.dockerfile meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#          ^^^^^^^^^^^^^^^^ meta.heredoc.first-line.dockerfile - meta.embedded.line.shell.dockerfile
{ "port": ${PORT}, "it's": "text" }
# ^^^^^^ meta.heredoc.body.dockerfile string.unquoted.heredoc.dockerfile - meta.embedded.block.shell.dockerfile
#           ^^^^ variable.other.readwrite.dockerfile
EOF
COPY --chmod=755 <<-"EOT" /usr/local/bin/run.sh
#    ^^^^^^^ variable.parameter.flag.dockerfile
#                    ^^^ keyword.operator.heredoc.delimiter.dockerfile
	#!/bin/sh
#^^^^^^^^^ string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile
	exec app "$@" ${NOT_EXPANDED}
#                ^^^^^^^^^^^^ string.unquoted.heredoc.dockerfile - variable.other.readwrite.dockerfile
	EOT
#^^^ keyword.operator.heredoc.delimiter.dockerfile
ADD <<EOF /etc/issue
#   ^^ meta.instruction.add.dockerfile keyword.operator.heredoc.dockerfile
hello
# <----- string.unquoted.heredoc.dockerfile
EOF
COPY <<one <<two /dest/
#      ^^^ keyword.operator.heredoc.delimiter.dockerfile
#          ^^ meta.heredoc.first-line.dockerfile keyword.operator.heredoc.dockerfile
#            ^^^ keyword.operator.heredoc.delimiter.dockerfile
#                ^^^^^^ meta.heredoc.first-line.dockerfile
first file
# <---------- string.unquoted.heredoc.dockerfile
one more line
# <------------- meta.heredoc.body.dockerfile
one
# <--- keyword.operator.heredoc.delimiter.dockerfile - meta.heredoc.body.dockerfile
second file
# <----------- string.unquoted.heredoc.dockerfile
two
# <--- keyword.operator.heredoc.delimiter.dockerfile - meta.heredoc.body.dockerfile
RUN <<A cat > /a && <<-B cat > /b && <<C cat > /c
#     ^ keyword.operator.heredoc.delimiter.dockerfile
#                   ^^^ keyword.operator.heredoc.dockerfile
#                                      ^ keyword.operator.heredoc.delimiter.dockerfile
text a
# <------ string.unquoted.heredoc.dockerfile
A
# <- keyword.operator.heredoc.delimiter.dockerfile
	text b
#^^^^^^ string.unquoted.heredoc.dockerfile
	B
#^ keyword.operator.heredoc.delimiter.dockerfile
text c
# <------ string.unquoted.heredoc.dockerfile
C
# <- keyword.operator.heredoc.delimiter.dockerfile - meta.heredoc.body.dockerfile
RUN --mount=type=cache,target=/var/cache/apt \
    <<EOF
#   ^^ meta.instruction.run.dockerfile meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
apt-get update
# <-------------- meta.heredoc.body.dockerfile meta.embedded.block.shell.dockerfile
if true; then echo "still
#                  ^^^^^^ meta.embedded.block.shell.dockerfile string.quoted.double.shell
  the body"; fi
# ^^^^^^^^ meta.embedded.block.shell.dockerfile string.quoted.double.shell
EOF
# <--- keyword.operator.heredoc.delimiter.dockerfile
ONBUILD COPY <<EOF /onbuild.txt
#            ^^ meta.instruction.copy.dockerfile keyword.operator.heredoc.dockerfile
text
# <---- string.unquoted.heredoc.dockerfile
EOF
EXPOSE 80
# <------ keyword.control.dockerfile - meta.heredoc.dockerfile
