#!/bin/sh
# Installs the Debian packages named that this machine lacks (apt-get, as root); otherwise says
# what to run. Used by `make run` (--soft: the dashboard starts without them, only chart pictures
# need them) and `make test` / `make cluster` (strict: exit 1 when something is missing).
# BAIHUA_APT_DRY_RUN=1 only prints what it would do (tests use it).
soft=0
if [ "$1" = "--soft" ]; then soft=1; shift; fi

has() {
  case "$1" in
    fonts-noto-cjk) fc-list 2>/dev/null | grep -q 'Noto Sans CJK' ;;
    fonts-noto-color-emoji) fc-list 2>/dev/null | grep -q 'Noto Color Emoji' ;;
    libreoffice-writer) command -v soffice >/dev/null 2>&1 ;;
    nginx) command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}

missing=""
for package in "$@"; do has "$package" || missing="$missing $package"; done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && [ -z "$BAIHUA_APT_DRY_RUN" ]; then
  echo "Installing Debian packages:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  exit $?
fi
echo "缺少 Debian 软件包 / Missing Debian packages:$missing"
echo "  sudo apt-get install$missing"
if [ "$soft" = 1 ]; then
  echo "仪表板照常启动，但图表图片（PNG/SVG/PPTX/DOCX）要装好这些软件包才能下载。"
  echo "The dashboard starts, but chart pictures (PNG/SVG/PPTX/DOCX) need these packages."
  exit 0
fi
exit 1
