#!/usr/bin/env bash
# Rebuilds every fixture APK from the sources beside it, with Debian's apktool
# (which assembles smali into classes*.dex and compiles the text manifest and
# resources with aapt), then zipalign. Needs: apktool, aapt, zipalign, a JDK,
# gcc and gcc-aarch64-linux-gnu (for the native libraries), zip.
#
#   testdata/apks/build.sh
#
# Rebuilding unchanged sources gives the same bytes: ZipNormalize.java gives
# every entry the fixed time SOURCE_DATE_EPOCH, and the containers are zipped
# from files with that time. Each output replaces the old one by a rename, so
# tests reading the fixtures never see half a file.
set -euo pipefail
cd "$(dirname "$0")"
export SOURCE_DATE_EPOCH=1700000000 TZ=UTC LC_ALL=C
umask 022
work=$(mktemp -d)
trap 'rm -rf "$work"; rm -f ./*.apk.tmp ./*.apks.tmp ./*.xapk.tmp ../examples/*/*.apk.tmp' EXIT

# Native libraries: real ELF shared objects from C sources, for each ABI named
# (armeabi-v7a needs gcc-arm-linux-gnueabihf; no fixture uses it yet).
native() {
  local app=$1 lib=$2 src=$3 abis=${4:-arm64-v8a x86_64}
  for abi in $abis; do
    mkdir -p "$app/lib/$abi"
    case $abi in
      armeabi-v7a) arm-linux-gnueabihf-gcc -shared -fPIC -O2 -s -march=armv7-a -mfpu=vfpv3-d16 -mthumb -o "$app/lib/$abi/$lib" "$src" ;;
      arm64-v8a) aarch64-linux-gnu-gcc -shared -fPIC -O2 -s -o "$app/lib/$abi/$lib" "$src" ;;
      x86_64) gcc -shared -fPIC -O2 -s -o "$app/lib/$abi/$lib" "$src" ;;
      *) echo "build.sh: no compiler for ABI $abi" >&2; exit 1 ;;
    esac
  done
}

# build DIR OUT: assemble one apktool source tree into an aligned APK.
build() {
  local dir=$1 out=$2
  apktool b -q "$dir" -o "$work/unaligned.apk" >/dev/null 2>"$work/apktool.log" || { cat "$work/apktool.log" >&2; exit 1; }
  java ZipNormalize.java "$work/unaligned.apk" "$work/normal.apk"
  zipalign -f -p 4 "$work/normal.apk" "$out.tmp"
  mv -f "$out.tmp" "$out"
  rm -rf "$dir/build"  # apktool's intermediate files
  echo "built $out"
}

build minimal minimal.apk
build multidex multidex.apk
build sensitive sensitive.apk
build callcontext callcontext.apk

native full libnative-demo.so full/native/native-demo.c
native full libjcore236.so full/native/jcore.c
build full full.apk

# Real SDK library file names, each a copy of one stub, so the SDK catalog's
# native-library signatures meet real ELF files.
sdk_libs="libjcore236.so libBugly.so libBaiduMapSDK_map_v7_5_4.so libentryexpro.so libgetuiext3.so libShanYCore.so libapp.so libflutter.so"
for app in sdks obfuscated; do
  for lib in $sdk_libs; do
    native $app "$lib" $app/native/stub.c arm64-v8a
  done
  build $app $app.apk
done

# A packed app: 360 Jiagu's stub Application, loader library and payload.
native packed libjiagu_a64.so packed/native/stub.c arm64-v8a
build packed packed.apk

# A split set: a base APK and an ABI config split, packed as bundletool's
# .apks and as an .xapk.
native splitapp-arm64 libsplitdemo.so splitapp-arm64/native/splitdemo.c arm64-v8a
build splitapp-base "$work/base.apk"
build splitapp-arm64 "$work/split_config.arm64_v8a.apk"
(cd "$work" && touch -d @"$SOURCE_DATE_EPOCH" base.apk split_config.arm64_v8a.apk \
  && zip -q -X -0 splitapp.apks base.apk split_config.arm64_v8a.apk)
cp "$work/splitapp.apks" splitapp.apks.tmp && mv -f splitapp.apks.tmp splitapp.apks
cp "$work/base.apk" "$work/org.privdiff.fixture.split.apk"
cp "$work/split_config.arm64_v8a.apk" "$work/config.arm64_v8a.apk"
cp splitapp-xapk-manifest.json "$work/manifest.json"
(cd "$work" && touch -d @"$SOURCE_DATE_EPOCH" org.privdiff.fixture.split.apk config.arm64_v8a.apk manifest.json \
  && zip -q -X splitapp.xapk manifest.json org.privdiff.fixture.split.apk config.arm64_v8a.apk)
cp "$work/splitapp.xapk" splitapp.xapk.tmp && mv -f splitapp.xapk.tmp splitapp.xapk
echo "built splitapp.apks splitapp.xapk"

# An app whose own code lives under an SDK vendor's package (cn.jiguang.).
build owncode owncode.apk

# Code an app carries inside itself: a plugin APK and a jar in assets/ and
# Instant Run's instant-run.zip at the root, each holding the dex of
# nested-plugin, and assets/secret.dex, which is not a dex file.
build nested-plugin "$work/plugin.apk"
mkdir -p "$work/plugin" nested/unknown
unzip -q -o "$work/plugin.apk" classes.dex -d "$work/plugin"
cp "$work/plugin/classes.dex" "$work/plugin/slice_0-classes.dex"
touch -d @"$SOURCE_DATE_EPOCH" "$work/plugin.apk" "$work/plugin/classes.dex" "$work/plugin/slice_0-classes.dex"
(cd "$work/plugin" && zip -q -X ../plugin.jar classes.dex && zip -q -X -0 ../instant-run.zip slice_0-classes.dex)
cp -p "$work/plugin.apk" "$work/plugin.jar" nested/assets/
cp -p "$work/instant-run.zip" nested/unknown/
build nested nested.apk
rm -rf nested/assets/plugin.apk nested/assets/plugin.jar nested/unknown

# The example `privdiff audit` ships with (testdata/examples/README.md): an app
# standing in for 兼客兼职, beside that app's real privacy policy.
build ../examples/jianke/src ../examples/jianke/app.apk

# Version 2 of the example (testdata/examples/README.md): the same app with one
# SDK dropped and one SDK and one permission added, so a results store holding
# both versions has a history to show.
build ../examples/jianke-v2/src ../examples/jianke-v2/app.apk
