package dev.rerank4j.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rerank4j.PairScorer;
import dev.rerank4j.TextPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every option of mining on a hand-checked example. Anchor q1 has positive p1 (given twice); q2 has p2a and p2b.
 * Corpus n1..n5 (plus p1, given again). Scores:
 *
 * <pre>
 *        p1   n1   n2   n3   n4   n5   p2a  p2b
 *   q1  .90  .85  .70  .50  .30  .10  .20  .05
 *   q2  .30  .75  .65  .40 -.10  .55  .80  .60
 * </pre>
 *
 * Without filters q1's candidates rank n1 n2 n3 n4 p2a n5 p2b, q2's n1 n2 n5 n3 p1 n4. maxPositives is 2 (q1's two
 * rows), so the default range is 3 + 2 = 5.
 */
class HardNegativeMinerTest {
    static final Map<String, Map<String, Float>> SCORES = Map.of(
            "q1",
                    Map.of(
                            "p1", .90f, "n1", .85f, "n2", .70f, "n3", .50f, "n4", .30f, "n5", .10f, "p2a", .20f, "p2b",
                            .05f),
            "q2",
                    Map.of(
                            "p1", .30f, "n1", .75f, "n2", .65f, "n3", .40f, "n4", -.10f, "n5", .55f, "p2a", .80f, "p2b",
                            .60f));
    static final MiningData DATA = new MiningData(
            "query",
            "answer",
            List.of(
                    new TextPair("q1", "p1"),
                    new TextPair("q2", "p2a"),
                    new TextPair("q2", "p2b"),
                    new TextPair("q1", "p1")),
            List.of("n1", "n2", "n3", "n4", "n5", "p1"));

    static MinedDataset mine(MiningOptions o) {
        return HardNegativeMiner.mineHardNegatives(DATA, new TableSource(SCORES), o);
    }

    /** The negatives of each (anchor, positive) triplet row, as "anchor/positive/negative". */
    static List<String> triplets(MinedDataset d) {
        return d.rows().stream()
                .map(r -> (MinedRow.Triplet) r)
                .map(t -> t.anchor() + "/" + t.positive() + "/" + t.negative())
                .toList();
    }

    @Test
    void defaultsGiveTheTopThreeNonPositivesAsTriplets() {
        TableSource source = new TableSource(SCORES);
        MinedDataset d = HardNegativeMiner.mineHardNegatives(DATA, source, MiningOptions.defaults());
        assertThat(source.askedK).as("range_max 5 + max_positives 2").isEqualTo(7);
        assertThat(source.seenCorpus).containsExactly("n1", "n2", "n3", "n4", "n5", "p1", "p2a", "p2b");
        assertThat(d.columns()).containsExactly("query", "answer", "negative");
        assertThat(triplets(d))
                .containsExactly(
                        "q1/p1/n1",
                        "q1/p1/n2",
                        "q1/p1/n3",
                        "q2/p2a/n1",
                        "q2/p2a/n2",
                        "q2/p2a/n5",
                        "q2/p2b/n1",
                        "q2/p2b/n2",
                        "q2/p2b/n5");
        MiningReport r = d.report();
        assertThat(r.inputRows()).isEqualTo(4);
        assertThat(r.anchors()).isEqualTo(2);
        assertThat(r.corpusSize()).isEqualTo(8);
        assertThat(r.maxPositives()).isEqualTo(2);
        assertThat(r.rangeMax()).isEqualTo(5);
        assertThat(r.rescored()).isFalse();
        assertThat(r.filters()).isEmpty();
        assertThat(r.anchorsShort()).isZero();
        assertThat(r.missingSamples()).isZero();
        assertThat(r.outputRows()).isEqualTo(9);
        assertThat(r.positive().count()).isEqualTo(3);
        assertThat(r.positive().mean()).isCloseTo((.9 + .8 + .6) / 3, within(1e-6));
        assertThat(r.negative().count()).isEqualTo(9);
        assertThat(r.negative().max()).isCloseTo(.85, within(1e-6));
        assertThat(r.negative().median()).as("torch.median: the lower middle").isCloseTo(.65, within(1e-6));
        assertThat(r.difference().min()).as("p2b .60 - n1 .75").isCloseTo(-.15, within(1e-6));
        assertThat(r.difference().max()).as("q1: .90 - .50").isCloseTo(.40, within(1e-6));
        assertThat(r.toText()).contains("Metric", "Positive", "Negative", "Difference", "0 of 2 anchors");
    }

    @Test
    void absoluteMarginIsMeasuredFromTheWeakestPositiveAndWidensTheRange() {
        MinedDataset d = mine(MiningOptions.defaults().withAbsoluteMargin(0.1));
        assertThat(d.report().rangeMax()).as("0 + 10 * 3 + 2").isEqualTo(32);
        // q1: drop s + .1 > .9 (n1); q2: weakest positive .6, drop s > .5 (n1 n2 n5)
        assertThat(triplets(d))
                .containsExactly(
                        "q1/p1/n2",
                        "q1/p1/n3",
                        "q1/p1/n4",
                        "q2/p2a/n3",
                        "q2/p2a/p1",
                        "q2/p2a/n4",
                        "q2/p2b/n3",
                        "q2/p2b/p1",
                        "q2/p2b/n4");
        assertThat(d.report().filters()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("absolute_margin");
            assertThat(f.removed()).isEqualTo(4);
            assertThat(f.ratio()).isCloseTo(4 / 13.0, within(1e-9));
        });
    }

    @Test
    void relativeMarginDropsCandidatesAbovePositiveMinusItsMagnitudeTimesMargin() {
        MinedDataset d = mine(MiningOptions.defaults().withRelativeMargin(0.2));
        // q1: .9 - .9 * .2 = .72 drops n1; q2: .6 - .12 = .48 drops n1 n2 n5
        assertThat(triplets(d)).startsWith("q1/p1/n2", "q1/p1/n3", "q1/p1/n4", "q2/p2a/n3", "q2/p2a/p1");
        assertThat(d.report().filters().get(0).removed()).isEqualTo(4);
    }

    @Test
    void relativeMarginHasTheSignFixForNegativePositiveScores() {
        MiningData data = MiningData.of(List.of(new TextPair("q", "p"))).withCorpus(List.of("a", "b", "c"));
        Map<String, Map<String, Float>> scores = Map.of("q", Map.of("p", -.5f, "a", -.55f, "b", -.65f, "c", -.7f));
        MinedDataset d = HardNegativeMiner.mineHardNegatives(
                data, new TableSource(scores), MiningOptions.defaults().withRelativeMargin(0.2));
        // threshold -.5 - |-.5| * .2 = -.6: a (-.55) is too close; v4.1's -.5 * (1 - .2) = -.4 would keep it
        assertThat(d.rows()).extracting(r -> ((MinedRow.Triplet) r).negative()).containsExactly("b", "c");
        assertThat(d.report().anchorsShort()).isEqualTo(1);
    }

    @Test
    void maxAndMinScoreDropCandidatesOutsideTheBounds() {
        MinedDataset max = mine(MiningOptions.defaults().withMaxScore(0.6));
        assertThat(triplets(max)).startsWith("q1/p1/n3", "q1/p1/n4", "q1/p1/p2a", "q2/p2a/n5", "q2/p2a/n3");
        assertThat(max.report().filters().get(0).rule()).isEqualTo("max_score");
        assertThat(max.report().filters().get(0).removed()).isEqualTo(4);

        MinedDataset min = mine(MiningOptions.defaults().withMinScore(0.6));
        assertThat(min.report().rangeMax())
                .as("min_score does not widen the range")
                .isEqualTo(5);
        assertThat(triplets(min))
                .containsExactly("q1/p1/n1", "q1/p1/n2", "q2/p2a/n1", "q2/p2a/n2", "q2/p2b/n1", "q2/p2b/n2");
        // within q1's 7 retrieved: n3 n4 p2a n5; q2's: n5 n3 p1 (positives and padding are not counted)
        assertThat(min.report().filters().get(0).removed()).isEqualTo(7);
        assertThat(min.report().anchorsShort()).isEqualTo(2);
        assertThat(min.report().missingSamples()).isEqualTo(3);
    }

    @Test
    void rangeMinSkipsTheBestEligibleCandidates() {
        MinedDataset d = mine(MiningOptions.defaults().withRangeMin(1));
        assertThat(d.report().rangeMax()).isEqualTo(6);
        assertThat(triplets(d)).startsWith("q1/p1/n2", "q1/p1/n3", "q1/p1/n4", "q2/p2a/n2", "q2/p2a/n5", "q2/p2a/n3");
    }

    @Test
    void randomSamplingIsSeededStaysInTheWindowAndSortsByScore() {
        MiningOptions o = MiningOptions.defaults()
                .withRangeMax(5)
                .withNumNegatives(2)
                .withOutputFormat(OutputFormat.N_TUPLE)
                .withOutputScores(true)
                .withSampling(SamplingStrategy.random(7));
        MinedDataset a = mine(o);
        assertThat(mine(o).rows()).isEqualTo(a.rows());
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            MinedDataset d = mine(o.withSampling(SamplingStrategy.random(seed)));
            MinedRow.NTuple q1 = (MinedRow.NTuple) d.rows().get(0);
            assertThat(q1.negatives()).isSubsetOf("n1", "n2", "n3", "n4", "p2a").hasSize(2);
            float[] s = q1.negativeScores();
            assertThat(s[0]).isGreaterThanOrEqualTo(s[1]);
            seen.add(q1.negatives());
        }
        assertThat(seen.size()).as("different seeds, different samples").isGreaterThan(3);
    }

    @Test
    void randomSamplingIsPerAnchorSoBlocksOfAnchorsGiveTheRowsAndReportOfOneCall() {
        MiningOptions o = MiningOptions.defaults()
                .withRangeMax(5)
                .withNumNegatives(2)
                .withAbsoluteMargin(0.1)
                .withOutputScores(true)
                .withSampling(SamplingStrategy.random(11));
        MinedDataset whole = mine(o);
        BlockMiner miner = BlockMiner.of(o, 2, null);
        List<TextPair> q1 = List.of(DATA.pairs().get(0), DATA.pairs().get(3));
        List<TextPair> q2 = List.of(DATA.pairs().get(1), DATA.pairs().get(2));
        // a block's corpus holds every document its anchors may retrieve: here the whole corpus and all positives
        List<String> corpus = List.of("n1", "n2", "n3", "n4", "n5", "p1", "p2a", "p2b");
        TableSource source = new TableSource(SCORES);
        List<MinedRow> rows =
                new java.util.ArrayList<>(miner.mine(new MiningData("query", "answer", q1, corpus), source));
        assertThat(source.askedK)
                .as("the run's k, not the block's (q1 alone has 2 rows, q2 too)")
                .isEqualTo(7);
        rows.addAll(miner.mine(new MiningData("query", "answer", q2, corpus), source));
        MiningReport r = miner.report(
                whole.report().source(),
                whole.report().corpusSize(),
                whole.report().timings());
        assertThat(rows).isEqualTo(whole.rows());
        assertThat(r).isEqualTo(whole.report());
        assertThat(r.filters().get(0).removed()).isPositive();
        // q2 mined alone samples what it samples beside q1
        MinedDataset alone = HardNegativeMiner.mineHardNegatives(
                new MiningData("query", "answer", q2, corpus), new TableSource(SCORES), o.withRangeMax(5));
        List<String> q2Negatives = whole.rows().stream()
                .map(x -> (MinedRow.Triplet) x)
                .filter(t -> t.anchor().equals("q2"))
                .map(MinedRow.Triplet::negative)
                .toList();
        assertThat(alone.rows().stream()
                        .map(x -> ((MinedRow.Triplet) x).negative())
                        .toList())
                .isEqualTo(q2Negatives);
    }

    @Test
    void labeledPairListsPositivesThenNegativesPerAnchor() {
        MinedDataset d = mine(MiningOptions.defaults().withOutputFormat(OutputFormat.LABELED_PAIR));
        assertThat(d.columns()).containsExactly("query", "answer", "label");
        assertThat(d.rows().stream()
                        .map(r -> (MinedRow.LabeledPair) r)
                        .map(p -> p.anchor() + "/" + p.document() + "/" + p.label())
                        .toList())
                .containsExactly(
                        "q1/p1/1",
                        "q1/n1/0",
                        "q1/n2/0",
                        "q1/n3/0",
                        "q2/p2a/1",
                        "q2/p2b/1",
                        "q2/n1/0",
                        "q2/n2/0",
                        "q2/n5/0");
        assertThat(d.report().missingSamples())
                .as("2 * 3 + 4 rows possible, 9 made")
                .isEqualTo(1);
        MinedDataset scored = mine(MiningOptions.defaults()
                .withOutputFormat(OutputFormat.LABELED_PAIR)
                .withOutputScores(true));
        assertThat(scored.columns()).containsExactly("query", "answer", "score");
        assertThat(scored.values(1)).containsExactly("q1", "n1", .85f);
    }

    @Test
    void nTupleKeepsOnlyCompleteRowsAndCarriesScores() {
        MinedDataset d = mine(
                MiningOptions.defaults().withOutputFormat(OutputFormat.N_TUPLE).withOutputScores(true));
        assertThat(d.columns()).containsExactly("query", "answer", "negative_1", "negative_2", "negative_3", "scores");
        assertThat(d.values(0)).containsExactly("q1", "p1", "n1", "n2", "n3", List.of(.9f, .85f, .7f, .5f));
        assertThat(d.values(2)).containsExactly("q2", "p2b", "n1", "n2", "n5", List.of(.6f, .75f, .65f, .55f));
        MinedDataset partial = mine(
                MiningOptions.defaults().withOutputFormat(OutputFormat.N_TUPLE).withMinScore(0.6));
        assertThat(partial.rows()).as("no anchor has 3 negatives above .6").isEmpty();
        assertThat(partial.report().missingSamples()).isEqualTo(3);
        assertThat(partial.report().negative().count()).isZero();
    }

    @Test
    void labeledListPutsThePositiveFirst() {
        MinedDataset d = mine(MiningOptions.defaults().withOutputFormat(OutputFormat.LABELED_LIST));
        assertThat(d.columns()).containsExactly("query", "answer", "labels");
        assertThat(d.values(0)).containsExactly("q1", List.of("p1", "n1", "n2", "n3"), List.of(1, 0, 0, 0));
        assertThat(d.values(1)).containsExactly("q2", List.of("p2a", "n1", "n2", "n5"), List.of(1, 0, 0, 0));
        MinedDataset scored = mine(MiningOptions.defaults()
                .withOutputFormat(OutputFormat.LABELED_LIST)
                .withOutputScores(true));
        assertThat(scored.columns().get(2)).isEqualTo("scores");
        assertThat(scored.values(2).get(2)).isEqualTo(List.of(.6f, .75f, .65f, .55f));
        MinedDataset partial = mine(MiningOptions.defaults()
                .withOutputFormat(OutputFormat.LABELED_LIST)
                .withMinScore(0.7));
        // q1 keeps n1 (.85) n2 (.70); q2 keeps n1 (.75)
        assertThat(partial.rows()).hasSize(3);
        assertThat(partial.values(1).get(1)).isEqualTo(List.of("p2a", "n1"));
    }

    @Test
    void includePositivesKeepsThemAsCandidatesAndForcesNTuples() {
        MinedDataset d = mine(MiningOptions.defaults()
                .withIncludePositives(true)
                .withOutputFormat(OutputFormat.LABELED_PAIR)
                .withNumNegatives(3));
        assertThat(d.format()).isEqualTo(OutputFormat.N_TUPLE);
        assertThat(d.values(0)).containsExactly("q1", "p1", "p1", "n1", "n2");
        assertThat(d.values(1)).containsExactly("q2", "p2a", "p2a", "n1", "n2");
        assertThat(d.values(2)).containsExactly("q2", "p2b", "p2a", "n1", "n2");
        assertThat(d.report().notes()).anySatisfy(n -> assertThat(n).contains("n-tuple"));
    }

    @Test
    void crossEncoderRescoresOnlyWhenAMarginOrMaxScoreIsSet() {
        PairScorer refuses = pairs -> {
            throw new AssertionError("the cross-encoder must not run without a margin or max_score");
        };
        MinedDataset plain = HardNegativeMiner.mineHardNegatives(
                DATA, new TableSource(SCORES), refuses, MiningOptions.defaults().withMinScore(0.0));
        assertThat(plain.report().rescored()).isFalse();

        // the cross-encoder thinks n1 and n2 are weak for q1, n3 strong
        Map<String, Float> ce = Map.of("q1/n1", .1f, "q1/n2", .2f, "q1/n3", .95f, "q1/p1", .9f);
        PairScorer lookup = pairs -> pairs.stream()
                .map(p -> new float[] {ce.getOrDefault(p.query() + "/" + p.document(), 0f)})
                .toArray(float[][]::new);
        MinedDataset d = HardNegativeMiner.mineHardNegatives(
                DATA, new TableSource(SCORES), lookup, MiningOptions.defaults().withAbsoluteMargin(0.0));
        assertThat(d.report().rescored()).isTrue();
        // q1: n3 (.95 > .90) is dropped; n2 .2 and n1 .1 are the best left, then zeros in retrieval order
        assertThat(triplets(d)).startsWith("q1/p1/n2", "q1/p1/n1");
        assertThat(((MinedRow.Triplet) d.rows().get(0)).negativeScore()).isEqualTo(.2f);
        assertThat(((MinedRow.Triplet) d.rows().get(0)).positiveScore()).isEqualTo(.9f);
    }

    @Test
    void impossibleRangesAreRejectedWithTheNumbers() {
        assertThatThrownBy(() -> mine(MiningOptions.defaults().withRangeMax(4).withRangeMin(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 2 candidates remain")
                .hasMessageContaining("rangeMin=2");
        assertThatThrownBy(() -> mine(MiningOptions.defaults().withRangeMax(2).withRangeMin(2)))
                .hasMessageContaining("rangeMax must be > rangeMin");
        assertThatThrownBy(() -> MiningOptions.defaults().withNumNegatives(0))
                .hasMessage("numNegatives must be >= 1, got 0");
        assertThatThrownBy(() -> MiningOptions.defaults().withRelativeMargin(Double.NaN))
                .hasMessageContaining("relativeMargin must be a finite number");
        assertThatThrownBy(() -> MiningData.of(List.of())).hasMessageContaining("pairs must not be empty");
        assertThatThrownBy(() -> DATA.withCorpus(List.of())).hasMessageContaining("the corpus is empty");
    }

    @Test
    void optionalSettingsAreSetAndUnsetByValue() {
        MiningOptions all = MiningOptions.defaults()
                .withRangeMax(7)
                .withMaxScore(0.9)
                .withMinScore(0.1)
                .withAbsoluteMargin(0.2)
                .withRelativeMargin(0.05);
        assertThat(all.rangeMax()).hasValue(7);
        assertThat(all.maxScore()).hasValue(0.9);
        assertThat(all.rescores()).isTrue();
        MiningOptions none = all.withoutRangeMax()
                .withoutMaxScore()
                .withoutMinScore()
                .withoutAbsoluteMargin()
                .withoutRelativeMargin();
        assertThat(none).isEqualTo(MiningOptions.defaults()).hasSameHashCodeAs(MiningOptions.defaults());
        assertThat(none.minScore()).isEmpty();
        assertThat(none.rescores()).isFalse();
        assertThat(all.toString()).contains("rangeMax=OptionalInt[7]", "maxScore=OptionalDouble[0.9]");
    }
}
