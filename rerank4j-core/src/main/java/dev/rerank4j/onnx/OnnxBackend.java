package dev.rerank4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.rerank4j.ModelFormatException;
import dev.rerank4j.backend.InferenceBackend;
import dev.rerank4j.tokenize.PaddedBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The ONNX Runtime {@link InferenceBackend}: one {@link OrtSession} over an ONNX graph with Hugging Face's input and
 * output names ({@value #LOGITS} for a cross-encoder, {@value #LAST_HIDDEN_STATE} for a bare encoder). The graph is
 * checked when it is opened, so a wrong file fails at load with a message naming what it has and what was expected.
 *
 * <p>IO avoids copies: each input is written once into a direct, native-order buffer that ONNX Runtime reads in
 * place, and an output whose size is known before the run is pinned to a direct buffer that ONNX Runtime writes
 * into, then read once into the returned array. Calls are thread-safe (a session runs concurrently; each call owns its
 * tensors and frees them before it returns). Close the backend once no call is running.
 */
public final class OnnxBackend implements InferenceBackend {
    /** The output of a cross-encoder graph: [batch, labels]. */
    public static final String LOGITS = "logits";
    /** The output of an encoder graph: [batch, seq, hidden]. */
    public static final String LAST_HIDDEN_STATE = "last_hidden_state";

    private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

    private final OrtEnvironment env;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final Path file;
    private final boolean tokenTypes;
    private final Map<String, long[]> outputShapes;

    private OnnxBackend(
            OrtEnvironment env,
            OrtSession.SessionOptions sessionOptions,
            OrtSession session,
            Path file,
            boolean tokenTypes,
            Map<String, long[]> outputShapes) {
        this.env = env;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.file = file;
        this.tokenTypes = tokenTypes;
        this.outputShapes = outputShapes;
    }

    /**
     * Opens an ONNX graph and checks that it reads {@value #INPUT_IDS} and {@value #ATTENTION_MASK} (and optionally
     * {@value #TOKEN_TYPE_IDS}) as int64 and no other input, and that it has the float output {@code output}.
     *
     * @param output the output the caller will ask for: {@value #LOGITS} or {@value #LAST_HIDDEN_STATE}
     * @throws ModelFormatException naming the file when it is missing, not an ONNX graph, or has other inputs or
     *     outputs
     */
    public static OnnxBackend open(Path file, String output, OnnxOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": no such ONNX file");
        }
        OrtEnvironment env = environment();
        OrtSession.SessionOptions so = null;
        OrtSession session = null;
        try {
            so = sessionOptions(options);
            try {
                session = env.createSession(file.toString(), so);
            } catch (OrtException e) {
                throw new ModelFormatException(
                        file + ": not a usable ONNX graph (" + firstLine(e.getMessage()) + ")", e);
            }
            boolean tokenTypes = checkInputs(file, session.getInputInfo());
            Map<String, long[]> outputs = checkOutputs(file, session.getOutputInfo(), output);
            return new OnnxBackend(env, so, session, file, tokenTypes, outputs);
        } catch (OrtException e) {
            closeQuietly(session, so);
            throw new ModelFormatException(
                    file + ": cannot read the graph's inputs and outputs (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(session, so);
            throw e;
        }
    }

    /**
     * ONNX Runtime's process-wide environment, created once on a thread of its own with a 64 MB stack. Creating it
     * runs a recursion about 11,900 native frames deep inside libonnxruntime; on a thread with the JVM's default 1 MB
     * stack (a Spark task thread under {@code SparkSubmit}, for one) that overflows the stack and the JVM dies with
     * SIGSEGV and no hs_err file (found with a core dump: exit 139, the crashing thread in {@code
     * OrtEnvironment.createHandle}; {@code -Xss16m} made the same run pass).
     */
    static OrtEnvironment environment() {
        return Environment.ENV;
    }

    /** The holder: created on first use. */
    private static final class Environment {
        static final OrtEnvironment ENV = createEnvironment();
    }

    /**
     * Creates the environment on the big-stack thread. It lives here, not in {@link Environment}: a lambda of a class
     * being initialised cannot run on another thread until that initialisation ends (a deadlock).
     */
    private static OrtEnvironment createEnvironment() {
        Object[] out = new Object[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        out[0] = OrtEnvironment.getEnvironment();
                    } catch (Throwable e) {
                        out[0] = e;
                    }
                },
                "rerank4j-onnxruntime-init",
                64L << 20);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (out[0] instanceof OrtEnvironment env) {
            return env;
        }
        if (out[0] instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("cannot create the ONNX Runtime environment", (Throwable) out[0]);
    }

    private static OrtSession.SessionOptions sessionOptions(OnnxOptions options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            if (options.threads() > 0) {
                so.setIntraOpNumThreads(options.threads());
            }
            so.setOptimizationLevel(
                    switch (options.optimization()) {
                        case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                        case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                        case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                        case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                    });
            so.setCPUArenaAllocator(options.cpuArena());
            return so;
        } catch (OrtException | RuntimeException e) {
            so.close();
            throw e;
        }
    }

    /** Checks the inputs; returns whether the graph reads token type ids. */
    private static boolean checkInputs(Path file, Map<String, NodeInfo> inputs) {
        for (String required : new String[] {INPUT_IDS, ATTENTION_MASK}) {
            if (!inputs.containsKey(required)) {
                throw new ModelFormatException(file + ": the graph has no input \"" + required + "\"; its inputs: "
                        + inputs.keySet() + "; rerank4j feeds " + INPUT_IDS + ", " + ATTENTION_MASK + " and, where the"
                        + " architecture has them, " + TOKEN_TYPE_IDS + " (Hugging Face's export names)");
            }
        }
        for (Map.Entry<String, NodeInfo> e : inputs.entrySet()) {
            if (!KNOWN_INPUTS.contains(e.getKey())) {
                throw new ModelFormatException(file + ": the graph reads input \"" + e.getKey() + "\", which rerank4j"
                        + " does not feed; its inputs: " + inputs.keySet() + ", expected " + INPUT_IDS + ", "
                        + ATTENTION_MASK + " and optionally " + TOKEN_TYPE_IDS);
            }
            if (!(e.getValue().getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.INT64) {
                throw new ModelFormatException(file + ": input \"" + e.getKey() + "\" is "
                        + e.getValue().getInfo() + ", expected an int64 tensor [batch, sequence]");
            }
        }
        return inputs.containsKey(TOKEN_TYPE_IDS);
    }

    private static Map<String, long[]> checkOutputs(Path file, Map<String, NodeInfo> outputs, String wanted) {
        if (!outputs.containsKey(wanted)) {
            throw new ModelFormatException(file + ": the graph has no output \"" + wanted + "\"; its outputs: "
                    + outputs.keySet() + "; "
                    + (LOGITS.equals(wanted)
                            ? "a cross-encoder graph ends in logits [batch, labels]"
                            : "an encoder graph ends in last_hidden_state [batch, sequence, hidden]"));
        }
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT) {
                shapes.put(e.getKey(), t.getShape());
            }
        }
        long[] shape = shapes.get(wanted);
        int rank = LOGITS.equals(wanted) ? 2 : 3;
        if (shape == null || shape.length != rank) {
            throw new ModelFormatException(file + ": output \"" + wanted + "\" is "
                    + outputs.get(wanted).getInfo() + ", expected a float tensor of rank " + rank);
        }
        return shapes;
    }

    /** The graph file. */
    public Path file() {
        return file;
    }

    @Override
    public boolean usesTokenTypes() {
        return tokenTypes;
    }

    /**
     * The size of dimension {@code dim} of an output when the graph fixes it (e.g. the labels of {@value #LOGITS});
     * empty when it is dynamic or the graph has no such float output.
     */
    public OptionalInt outputSize(String output, int dim) {
        long[] shape = outputShapes.get(output);
        return shape == null || dim >= shape.length || shape[dim] < 0
                ? OptionalInt.empty()
                : OptionalInt.of(Math.toIntExact(shape[dim]));
    }

    @Override
    public Output logits(PaddedBatch batch) {
        return run(batch, LOGITS);
    }

    @Override
    public Output hiddenStates(PaddedBatch batch) {
        return run(batch, LAST_HIDDEN_STATE);
    }

    private Output run(PaddedBatch batch, String output) {
        if (!outputShapes.containsKey(output)) {
            throw new ModelFormatException(
                    file + ": the graph has no float output \"" + output + "\"; its outputs: " + outputShapes.keySet());
        }
        long[] shape = {batch.batch(), batch.seqLen()};
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, long[]> e :
                    InferenceBackend.namedInputs(batch, tokenTypes).entrySet()) {
                inputs.put(e.getKey(), OnnxTensor.createTensor(env, direct(e.getValue()), shape));
            }
            long[] pinned = pinnedShape(output, batch);
            return pinned == null ? runUnpinned(inputs, output) : runPinned(inputs, output, pinned);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    file + ": ONNX Runtime failed on a batch of shape " + batch.batch() + "x" + batch.seqLen() + ": "
                            + firstLine(e.getMessage()),
                    e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The output's shape when the graph fixes every dimension but batch and sequence; else null. */
    private long[] pinnedShape(String output, PaddedBatch batch) {
        long[] declared = outputShapes.get(output);
        long[] shape = declared.length == 2
                ? new long[] {batch.batch(), declared[1]}
                : new long[] {batch.batch(), batch.seqLen(), declared[2]};
        return shape[shape.length - 1] > 0 ? shape : null;
    }

    private Output runPinned(Map<String, OnnxTensor> inputs, String output, long[] shape) throws OrtException {
        int n = Math.toIntExact(product(shape));
        FloatBuffer buffer = ByteBuffer.allocateDirect(n * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        try (OnnxTensor target = OnnxTensor.createTensor(env, buffer, shape);
                OrtSession.Result ignored = session.run(inputs, Map.of(output, target))) {
            float[] values = new float[n];
            buffer.get(0, values);
            return new Output(values, toInts(shape));
        }
    }

    private Output runUnpinned(Map<String, OnnxTensor> inputs, String output) throws OrtException {
        try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
            OnnxTensor tensor = (OnnxTensor) result.get(output).orElseThrow();
            FloatBuffer buffer = tensor.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return new Output(values, toInts(tensor.getInfo().getShape()));
        }
    }

    private static LongBuffer direct(long[] values) {
        LongBuffer buffer = ByteBuffer.allocateDirect(values.length * Long.BYTES)
                .order(ByteOrder.nativeOrder())
                .asLongBuffer();
        buffer.put(values).flip();
        return buffer;
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static int[] toInts(long[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = Math.toIntExact(shape[i]);
        }
        return out;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message.strip() : message.substring(0, nl).strip();
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions so) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            // already failing: the original error is the one to report
        }
        if (so != null) {
            so.close();
        }
    }

    /** Frees the session (the process-wide ONNX Runtime environment stays for other sessions). */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            sessionOptions.close();
        }
    }
}
