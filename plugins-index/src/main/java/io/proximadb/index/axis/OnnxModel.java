package io.proximadb.index.axis;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of AXIS's ONNX models, run with ONNX Runtime on the calling thread: a single float input of
 * shape [rows, inputs] and a single float output of shape [rows, outputs], with the input names
 * and model facts in the model's metadata ({@code axis.inputs}, {@code axis.outputs}, ...), as
 * the training scripts under {@code bench/axis/} write them. Thread-safe (ONNX Runtime sessions
 * are); closing releases the native session.
 */
final class OnnxModel implements AutoCloseable {

    /** The longest command line ONNX Runtime is started under, with a margin below where it crashed. */
    static final int MAX_COMMAND_LINE = 3_800;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final List<String> inputs;
    private final Map<String, String> metadata;

    private OnnxModel(OrtEnvironment environment, OrtSession session, Map<String, String> metadata) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.metadata = metadata;
        this.inputName = session.getInputNames().iterator().next();
        String names = metadata.get("axis.inputs");
        if (names == null || names.isBlank()) {
            throw new IllegalStateException("the model names no inputs (metadata 'axis.inputs' is missing)");
        }
        this.inputs = Arrays.stream(names.split(",")).map(String::strip).toList();
    }

    /**
     * Loads the model stored as a class-path resource next to this class.
     *
     * @throws IllegalStateException naming the cause, when the resource is missing, ONNX Runtime's
     *                               native library cannot load here, or the file is not such a model
     */
    static OnnxModel loadResource(String resource) {
        byte[] bytes;
        try (InputStream in = OnnxModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the model " + resource + " is not on the class path");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the model " + resource + " cannot be read: " + e.getMessage(), e);
        }
        checkCommandLine();
        try {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                // One query's inference is a few small matrix products: threads would cost more than they save.
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                OrtSession session = environment.createSession(bytes, options);
                return new OnnxModel(environment, session, session.getMetadata().getCustomMetadata());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime rejected the model " + resource + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IllegalStateException("ONNX Runtime's native library cannot load here: " + e, e);
        }
    }

    /**
     * Refuses to start ONNX Runtime where it would take the process down: its native start-up
     * (1.29, Linux) dies of a segmentation fault, which no Java code can catch, when the process's
     * command line is about 4 KiB or longer (measured: 3,984 bytes crash, 3,964 do not), as a long
     * {@code -cp} makes it. Launchers should pass the class path in an argument file
     * ({@code java @file}), as {@code ./proxima} does.
     */
    private static void checkCommandLine() {
        Path commandLine = Path.of("/proc/self/cmdline");
        if (!Files.isReadable(commandLine)) {
            return; // not Linux: the fault has not been seen there
        }
        int length;
        try {
            length = Files.readAllBytes(commandLine).length;
        } catch (IOException e) {
            return;
        }
        if (length > MAX_COMMAND_LINE) {
            throw new IllegalStateException("ONNX Runtime is not started: its native start-up crashes the process when the"
                    + " command line is about 4 KiB or longer, and this one is " + length + " bytes; pass the class path"
                    + " in an argument file (java @file) instead");
        }
    }

    /** The input columns' names, in order. */
    List<String> inputs() {
        return inputs;
    }

    /** A metadata value, or {@code fallback} when the model has none. */
    String metadata(String key, String fallback) {
        return metadata.getOrDefault(key, fallback);
    }

    /** Runs the model on {@code rows} rows of {@link #inputs()} floats each, given row after row. */
    float[][] run(float[] rows, int rowCount) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(rows),
                new long[] {rowCount, inputs.size()});
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            return (float[][]) result.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("the model failed: " + e.getMessage(), e);
        }
    }

    /** A runner of one row at a time over buffers ONNX Runtime reads and writes in place; one per thread. */
    Row newRow(int outputs) {
        try {
            return new Row(outputs);
        } catch (OrtException e) {
            throw new IllegalStateException("the model's buffers cannot be made: " + e.getMessage(), e);
        }
    }

    /**
     * One row's input and output, pinned: a run reads {@link #input} and writes {@link #output}
     * with no allocation, which matters when the model runs once per query (a few microseconds).
     * Not thread-safe.
     */
    final class Row implements AutoCloseable {

        final FloatBuffer input;
        final FloatBuffer output;
        private final OnnxTensor inputTensor;
        private final OnnxTensor outputTensor;
        private final Map<String, OnnxTensor> inputsByName;
        private final Map<String, OnnxTensor> outputsByName;

        private Row(int outputs) throws OrtException {
            input = ByteBuffer.allocateDirect(inputs.size() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            output = ByteBuffer.allocateDirect(outputs * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            inputTensor = OnnxTensor.createTensor(environment, input, new long[] {1, inputs.size()});
            try {
                outputTensor = OnnxTensor.createTensor(environment, output, new long[] {1, outputs});
            } catch (OrtException e) {
                inputTensor.close();
                throw e;
            }
            inputsByName = Map.of(inputName, inputTensor);
            outputsByName = Map.of(session.getOutputNames().iterator().next(), outputTensor);
        }

        /** Runs the model on {@link #input}, leaving its outputs in {@link #output}. */
        void run() {
            try (OrtSession.Result ignored = session.run(inputsByName, Set.of(), outputsByName)) {
                // the outputs are written into the pinned buffer
            } catch (OrtException e) {
                throw new IllegalStateException("the model failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            inputTensor.close();
            outputTensor.close();
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the model failed: " + e.getMessage(), e);
        }
    }
}
