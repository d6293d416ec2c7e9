#!/usr/bin/env bash
# Scores two pairs with --backend onnx through the shaded rerank4j-spark jar under org.apache.spark.deploy.SparkSubmit
# on local[2], the way that once killed the JVM (SIGSEGV, exit 139: ONNX Runtime's environment overflowed a 1 MB
# task-thread stack). Prints the exit code and the scores; exit 0 = the check passed.
#   scripts/spark-submit-onnx-check.sh MODEL_DIR     (a directory with onnx/model.onnx, e.g. from ./rerank4j export)
set -euo pipefail
model="$(cd "$1" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
export OPT_OUT_TRACKING=true DJL_OFFLINE=true OMP_WAIT_POLICY=PASSIVE
cd "$here"
./mvnw -B -q -pl rerank4j-spark -am package -DskipTests -Dspotless.check.skip=true </dev/null
./mvnw -B -q -pl rerank4j-spark -am test-compile dependency:build-classpath -Dmdep.includeScope=provided \
  -Dmdep.outputFile="$work/cp.txt" -Dspotless.check.skip=true </dev/null
spark_cp="$(tr ':' '\n' <"$work/cp.txt" | grep -v rerank4j | paste -sd:)"
jar="$here/rerank4j-spark/target/rerank4j-spark.jar"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED"
printf '{"query":"what is a cat","document":"a cat is an animal"}\n{"query":"what is a dog","document":"dogs bark"}\n' \
  >"$work/pairs.jsonl"
set +e
# shellcheck disable=SC2086
java $opens -cp "$jar:$spark_cp" org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
  --class dev.rerank4j.spark.Main "$jar" score --backend onnx --model "$model" \
  --input "$work/pairs.jsonl" --output "$work/scored.parquet" >"$work/submit.log" 2>&1
rc=$?
set -e
echo "spark-submit score --backend onnx: exit $rc (log: $work/submit.log)"
[[ $rc -eq 0 ]] && ls "$work/scored.parquet"
exit $rc
