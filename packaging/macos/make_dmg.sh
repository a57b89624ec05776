#!/usr/bin/env bash
# Pack dist/LiveTally.app into dist/LiveTally-<version>.dmg: the app beside a link to
# /Applications, so installing is one drag. macOS only (hdiutil).
#
#   packaging/macos/make_dmg.sh [dist/LiveTally.app] [version]
#
# The app is ad-hoc signed by PyInstaller; a signed and notarised release would add
# `codesign --deep --options runtime --sign "Developer ID Application: ..."` and
# `xcrun notarytool submit --wait` here.
set -euo pipefail
cd "$(dirname "$0")/../.."

app=${1:-dist/LiveTally.app}
version=${2:-$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")}
target="dist/LiveTally-${version}.dmg"

[[ -d "$app" ]] || { echo "make_dmg.sh: $app not found; run python packaging/build.py first" >&2; exit 1; }

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"

rm -f "$target"
hdiutil create -volname "LiveTally ${version}" -srcfolder "$staging" -fs HFS+ \
  -format UDZO -imagekey zlib-level=9 -ov "$target" >/dev/null
echo "built $target ($(du -h "$target" | cut -f1))"
