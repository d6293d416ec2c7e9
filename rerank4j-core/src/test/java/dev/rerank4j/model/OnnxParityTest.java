package dev.rerank4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.PairFile;
import dev.rerank4j.hub.BundledMiniLm;
import dev.rerank4j.testing.DataSuite;
import dev.rerank4j.testing.SharedData;
import dev.rerank4j.tokenize.PaddedBatch;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DJL BERT encoder, loaded from the directory converted from all-MiniLM-L6-v2's ONNX file, against ONNX Runtime
 * running that same ONNX file: the last hidden states of question/answer pairs must agree on every real token. The
 * default suite uses {@link #PAIRS}, written for this test; the data suite adds real WikiQA dev pairs.
 */
class OnnxParityTest {
    static final double TOLERANCE = 1e-4;

    /** Sixteen question/answer pairs in WikiQA's style: mixed case, numbers, punctuation, accents, 20-60 tokens. */
    static final List<TextPair> PAIRS = List.of(
            new TextPair(
                    "how many moons does mars have",
                    "Mars has two small moons, Phobos and Deimos, which were discovered by Asaph Hall in August 1877."),
            new TextPair(
                    "what is the boiling point of water in fahrenheit",
                    "At sea level, pure water boils at 212 degrees Fahrenheit (100 °C); at higher altitudes the"
                            + " boiling point drops because the air pressure is lower."),
            new TextPair(
                    "who wrote the novel Don Quixote?",
                    "Miguel de Cervantes Saavedra published the first part of El ingenioso hidalgo don Quijote de la"
                            + " Mancha in 1605 and the second part ten years later."),
            new TextPair(
                    "WHEN DID THE BERLIN WALL FALL",
                    "The wall fell on the night of 9 November 1989, when East German authorities unexpectedly"
                            + " opened the border crossings to West Berlin."),
            new TextPair(
                    "what does a mitochondrion do",
                    "Mitochondria generate most of the cell's supply of adenosine triphosphate (ATP), which is used"
                            + " as a source of chemical energy."),
            new TextPair(
                    "how long is the great wall of china",
                    "An archaeological survey using advanced technologies concluded that all the walls measure"
                            + " 21,196 km (13,171 mi), including sections built by different dynasties."),
            new TextPair(
                    "what is the capital city of Australia?",
                    "Sydney is the most populous city in Australia, although Canberra, a planned city chosen as a"
                            + " compromise between Sydney and Melbourne, is the capital."),
            new TextPair(
                    "where is Zürich located",
                    "Zürich lies at the north-western tip of Lake Zürich in northern Switzerland, about 30 km from"
                            + " the German border."),
            new TextPair(
                    "how do vaccines work",
                    "A vaccine trains the immune system to recognise a pathogen — or a harmless piece of it — so"
                            + " that a later infection is fought off quickly."),
            new TextPair(
                    "what is the speed of light",
                    "In vacuum, light travels at exactly 299,792,458 metres per second, a value fixed by the"
                            + " definition of the metre since 1983."),
            new TextPair(
                    "who painted the mona lisa",
                    "The Mona Lisa is a half-length portrait painting by the Italian artist Leonardo da Vinci,"
                            + " considered an archetypal masterpiece of the Renaissance."),
            new TextPair(
                    "what language is spoken in brazil",
                    "Portuguese is the official and national language of Brazil and is spoken by nearly all of its"
                            + " roughly 203 million inhabitants."),
            new TextPair(
                    "how deep is the mariana trench",
                    "The Challenger Deep, at the southern end of the Mariana Trench, reaches a depth of about"
                            + " 10,935 m (35,876 ft) below sea level."),
            new TextPair(
                    "what year did the titanic sink",
                    "RMS Titanic sank in the early morning hours of 15 April 1912 in the North Atlantic Ocean,"
                            + " four days into her maiden voyage from Southampton."),
            new TextPair(
                    "why is the sky blue",
                    "Rayleigh scattering of sunlight by the molecules of the atmosphere is much stronger for short"
                            + " (blue) wavelengths than for long (red) ones."),
            new TextPair(
                    "what are the ingredients of pesto",
                    "Traditional pesto alla genovese is made of crushed garlic, European pine nuts, coarse salt,"
                            + " basil leaves, hard cheese such as Parmigiano-Reggiano, and olive oil."));

    @Test
    void hiddenStatesMatchOnnxRuntime(@TempDir Path cache) throws Exception {
        assertParity(PAIRS, cache);
    }

    @Test
    @DataSuite
    void hiddenStatesOfWikiQaDevPairsMatchOnnxRuntime(@TempDir Path cache) throws Exception {
        assertParity(
                PairFile.read(SharedData.path("datasets/wikiqa/WikiQA-dev.tsv"), "Question", "Sentence")
                        .subList(0, 16),
                cache);
    }

    private static void assertParity(List<TextPair> pairs, Path cache) throws Exception {
        Path dir = BundledMiniLm.materialize(cache);
        try (CrossEncoder model = CrossEncoder.load(dir);
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                InputStream onnx = OnnxParityTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx");
                OrtSession session = env.createSession(onnx.readAllBytes(), new OrtSession.SessionOptions())) {
            PaddedBatch batch = model.tokenizer().pad(model.tokenizer().encode(pairs), true);
            float[] ours = model.scorer().hiddenStates(batch);
            long[] shape = {batch.batch(), batch.seqLen()};
            Map<String, OnnxTensor> inputs = Map.of(
                    "input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.ids()), shape),
                    "attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.attentionMask()), shape),
                    "token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(batch.typeIds()), shape));
            float[][][] reference;
            try (OrtSession.Result result = session.run(inputs)) {
                reference = (float[][][])
                        result.get("last_hidden_state").orElseThrow().getValue();
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
            int hidden = reference[0][0].length;
            assertThat(hidden).isEqualTo(384);
            assertThat(batch.seqLen()).isGreaterThan(20);
            double maxDiff = 0;
            int compared = 0;
            for (int b = 0; b < batch.batch(); b++) {
                for (int s = 0; s < batch.seqLen(); s++) {
                    if (batch.attentionMask()[b * batch.seqLen() + s] == 0) {
                        continue;
                    }
                    for (int h = 0; h < hidden; h++) {
                        double d = Math.abs(ours[(b * batch.seqLen() + s) * hidden + h] - reference[b][s][h]);
                        maxDiff = Math.max(maxDiff, d);
                        compared++;
                    }
                }
            }
            System.out.printf(
                    "ONNX parity: %d values over %d pairs, max |diff| = %.3g%n", compared, pairs.size(), maxDiff);
            assertThat(compared).isGreaterThan(16 * 20 * 384);
            assertThat(maxDiff).isLessThanOrEqualTo(TOLERANCE);
        }
    }
}
