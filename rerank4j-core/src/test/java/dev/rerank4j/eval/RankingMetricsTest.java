package dev.rerank4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed values of the per-query metrics. */
class RankingMetricsTest {
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void tiedScoresRankTheLaterDocumentFirstForMrr() {
        // numpy's stable argsort reversed: index 1 (a negative) ranks above index 0 (the positive)
        int[] grades = {1, 0};
        double[] scores = {0.5, 0.5};
        assertThat(RankingMetrics.rankOrder(scores)).containsExactly(1, 0);
        assertThat(RankingMetrics.reciprocalRank(grades, scores, 1)).isZero();
        assertThat(RankingMetrics.reciprocalRank(grades, scores, 2)).isEqualTo(0.5);
        // with the positive listed second it wins the tie
        assertThat(RankingMetrics.reciprocalRank(new int[] {0, 1}, scores, 1)).isEqualTo(1.0);
    }

    @Test
    void tiesShareTheirAverageGainInNdcgAndEnterApTogether() {
        int[] grades = {1, 0};
        double[] scores = {0.5, 0.5};
        // one tie group spanning ranks 1-2 with k=1: average gain 0.5 times the discount of rank 1 only
        assertThat(RankingMetrics.ndcg(grades, scores, 1)).isEqualTo(0.5);
        // k=2: 0.5 * (1 + 1/log2(3)) / 1
        assertThat(RankingMetrics.ndcg(grades, scores, 2)).isCloseTo(0.5 * (1 + 1 / LOG2_3), within(1e-15));
        // one threshold: recall 1 at precision 1/2
        assertThat(RankingMetrics.averagePrecision(grades, scores)).isEqualTo(0.5);
    }

    @Test
    void tieGroupStraddlingTheCutOffContributesOnlyItsDiscountsInsideK() {
        int[] grades = {0, 1, 0, 0};
        double[] scores = {0.8, 0.5, 0.5, 0.1};
        // ranks 2-3 tie; with k=2 only rank 2's discount 1/log2(3) counts, times the average gain 1/2
        assertThat(RankingMetrics.ndcg(grades, scores, 2)).isCloseTo(0.5 / LOG2_3, within(1e-15));
        assertThat(RankingMetrics.ndcg(grades, scores, 3)).isCloseTo(0.5 * (1 / LOG2_3 + 0.5), within(1e-15));
    }

    @Test
    void kLargerThanTheListUsesTheWholeList() {
        int[] grades = {0, 1, 0};
        double[] scores = {0.9, 0.8, 0.1};
        assertThat(RankingMetrics.reciprocalRank(grades, scores, 100)).isEqualTo(0.5);
        assertThat(RankingMetrics.ndcg(grades, scores, 100)).isCloseTo(1 / LOG2_3, within(1e-15));
        assertThat(RankingMetrics.averagePrecision(grades, scores)).isEqualTo(0.5);
    }

    @Test
    void gradesAreLinearGains() {
        int[] grades = {2, 0, 1};
        double[] scores = {0.1, 0.9, 0.5};
        // ranking 0-grade, 1, 2: DCG = 1/log2(3) + 2/log2(4); ideal = 2 + 1/log2(3)
        double expected = (1 / LOG2_3 + 1.0) / (2 + 1 / LOG2_3);
        assertThat(RankingMetrics.ndcg(grades, scores, 3)).isCloseTo(expected, within(1e-15));
        // MRR and AP only see relevant / not relevant
        assertThat(RankingMetrics.reciprocalRank(grades, scores, 3)).isEqualTo(0.5);
        assertThat(RankingMetrics.averagePrecision(grades, scores)).isCloseTo(0.5 * 0.5 + 0.5 * 2 / 3.0, within(1e-15));
    }

    @Test
    void averagePrecisionSumsRecallStepsTimesPrecision() {
        int[] grades = {1, 0, 1, 0};
        double[] scores = {0.9, 0.8, 0.7, 0.6};
        assertThat(RankingMetrics.averagePrecision(grades, scores)).isCloseTo(0.5 * 1 + 0.5 * 2 / 3.0, within(1e-15));
    }

    @Test
    void nothingRelevantScoresZero() {
        int[] grades = {0, 0, 0};
        double[] scores = {0.3, 0.2, 0.1};
        assertThat(RankingMetrics.reciprocalRank(grades, scores, 10)).isZero();
        assertThat(RankingMetrics.ndcg(grades, scores, 10)).isZero();
        assertThat(RankingMetrics.averagePrecision(grades, scores)).isZero();
    }

    @Test
    void perfectRankingNeverScoresBelowAShuffledOne() {
        int[] grades = {3, 2, 2, 1, 0, 0, 1};
        double[] perfect = {7, 6, 5, 4, 2, 1, 3};
        double[] shuffled = {1, 5, 2, 7, 6, 4, 3};
        assertThat(RankingMetrics.ndcg(grades, perfect, 5)).isEqualTo(1.0);
        assertThat(RankingMetrics.ndcg(grades, shuffled, 5)).isLessThan(1.0);
        assertThat(RankingMetrics.averagePrecision(grades, perfect))
                .isGreaterThan(RankingMetrics.averagePrecision(grades, shuffled));
    }

    @Test
    void negativeZeroEqualsZero() {
        assertThat(RankingMetrics.rankOrder(new double[] {0.0, -0.0})).containsExactly(1, 0);
        assertThat(RankingMetrics.ndcg(new int[] {1, 0}, new double[] {-0.0, 0.0}, 1))
                .isEqualTo(0.5);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1}, new double[] {0.1, 0.2}, 1))
                .hasMessageContaining("same length, got 1 and 2");
        assertThatThrownBy(() -> RankingMetrics.ndcg(new int[] {1, 0}, new double[] {0.1, 0.2}, 0))
                .hasMessageContaining("k must be >= 1, got 0");
        assertThatThrownBy(() -> RankingMetrics.reciprocalRank(new int[] {1, 0}, new double[] {Double.NaN, 0}, 1))
                .hasMessageContaining("scores[0] is NaN");
        assertThatThrownBy(() -> RankingMetrics.averagePrecision(new int[] {-1, 0}, new double[] {0, 0}))
                .hasMessageContaining("grades[0] must be >= 0, got -1");
    }

    @Test
    void ndcgOverJudgedCountsTheRelevantDocumentsTheListMissedInTheIdeal() {
        // the list holds a grade-1 document at rank 2; a grade-2 document was judged but never retrieved
        int[] grades = {0, 1};
        double[] scores = {0.9, 0.1};
        double dcg = 1 / LOG2_3;
        assertThat(RankingMetrics.ndcgOverJudged(grades, scores, 10, new int[] {1, 2}))
                .isCloseTo(dcg / (2 + 1 / LOG2_3), within(1e-15));
        // with the list's own judgments only it is scikit-learn's NDCG; zero grades in judged change nothing
        assertThat(RankingMetrics.ndcgOverJudged(grades, scores, 10, new int[] {0, 1}))
                .isEqualTo(RankingMetrics.ndcg(grades, scores, 10));
        // the ideal is cut at k too: k = 1 keeps only the grade-2 document's gain
        assertThat(RankingMetrics.ndcgOverJudged(new int[] {1, 0}, new double[] {1, 0}, 1, new int[] {2, 1}))
                .isEqualTo(0.5);
        // nothing relevant judged: 0
        assertThat(RankingMetrics.ndcgOverJudged(new int[] {0}, new double[] {1}, 10, new int[] {}))
                .isZero();
    }

    @Test
    void ndcgOverJudgedRefusesAListWithMoreRelevantDocumentsThanJudged() {
        assertThatThrownBy(
                        () -> RankingMetrics.ndcgOverJudged(new int[] {1, 1}, new double[] {1, 0}, 10, new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the ranked list holds 2 relevant documents but only 1 are judged relevant");
    }
}
