#!/usr/bin/env bash
# Builds a native app-image of Free Transformer Explorer with the JDK's jpackage (and a .deb with --deb):
#   jpackage/build.sh          -> jpackage/target/FreeTransformerExplorer/bin/FreeTransformerExplorer
#   jpackage/build.sh --deb    -> also jpackage/target/*.deb (needs fakeroot; declares libgtk-3-0)
# The image bundles a Java runtime, the app and engine jars, ND4J's CPU natives for this platform,
# and the sample models (found through -Dftx.samples=$APPDIR/sample-models) and the lessons
# (-Dftx.lessons=$APPDIR/assets/lessons).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/jpackage/target"
VERSION=0.1.0
mvn -q -B -f "$ROOT/pom.xml" -pl app -am package -DskipTests
rm -rf "$OUT"
mkdir -p "$OUT/input"
cp "$ROOT/app/target/ftx-app-0.1.0-SNAPSHOT.jar" "$OUT/input/"
tr ':' '\n' < "$ROOT/app/target/classpath.txt" | while read -r jar || [ -n "$jar" ]; do cp "$jar" "$OUT/input/"; done
cp -r "$ROOT/sample-models" "$OUT/input/sample-models"
rm -f "$OUT/input/sample-models/make.sh"
mkdir -p "$OUT/input/assets" && cp -r "$ROOT/assets/lessons" "$OUT/input/assets/lessons"
common=(--name FreeTransformerExplorer --app-version "$VERSION" --input "$OUT/input" --dest "$OUT"
  --main-jar ftx-app-0.1.0-SNAPSHOT.jar --main-class ftx.app.Launcher --icon "$ROOT/assets/icon.png"
  --java-options -Xmx4g --java-options '-Dftx.samples=$APPDIR/sample-models' --java-options '-Dftx.lessons=$APPDIR/assets/lessons' --java-options --add-modules=jdk.incubator.vector
  --description "See and steer the latent decisions of a Free Transformer")
jpackage --type app-image "${common[@]}"
echo "app-image: $OUT/FreeTransformerExplorer/bin/FreeTransformerExplorer"
if [ "${1:-}" = "--deb" ]; then
  jpackage --type deb "${common[@]}" --linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group Science
  echo "deb: $(ls "$OUT"/*.deb)"
fi
