package dev.rerank4j.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeded group split: no group and no question on both sides, sizes, determinism, bad sizes. */
class GroupSplitTest {
    private static Set<String> groups(List<QaRow> rows) {
        Set<String> s = new HashSet<>();
        rows.forEach(r -> s.add(r.group()));
        return s;
    }

    private static Set<String> questions(List<QaRow> rows) {
        Set<String> s = new HashSet<>();
        rows.forEach(r -> s.add(r.question()));
        return s;
    }

    @Test
    void noGroupOrQuestionIsOnBothSides() {
        List<QaRow> rows = new java.util.ArrayList<>(TinyRecipe.rows());
        // the same question asked in two groups: it must not be trained on when it is evaluated
        for (QaRow r : List.copyOf(rows)) {
            rows.add(new QaRow(r.question(), r.answer() + " again", r.group().equals("g0") ? "g1" : "g0"));
        }
        for (long seed = 0; seed < 20; seed++) {
            GroupSplit s = GroupSplit.of(rows, new SplitSpec(10, 0, seed));
            assertThat(groups(s.train())).doesNotContainAnyElementsOf(groups(s.eval()));
            assertThat(questions(s.train())).doesNotContainAnyElementsOf(questions(s.eval()));
            assertThat(questions(s.eval()).size()).isGreaterThanOrEqualTo(10);
            assertThat(s.train().size() + s.eval().size() + s.droppedLeaks()).isEqualTo(rows.size());
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitAndSizesAreHonoured() {
        List<QaRow> rows = TinyRecipe.rows(); // 48 questions, 8 groups of 6
        GroupSplit a = GroupSplit.of(rows, new SplitSpec(0.25, 0, 3));
        assertThat(GroupSplit.of(rows, new SplitSpec(0.25, 0, 3))).isEqualTo(a);
        assertThat(a.eval()).hasSize(12); // 0.25 * 48 = 12 = two whole groups
        assertThat(GroupSplit.of(rows, new SplitSpec(0.25, 0, 4)).eval()).isNotEqualTo(a.eval());
        GroupSplit capped = GroupSplit.of(rows, new SplitSpec(6, 20, 3));
        assertThat(questions(capped.train())).hasSize(20);
        assertThat(capped.eval()).hasSize(6);
    }

    @Test
    void badSizesAreRefusedWithTheKey() {
        assertThatThrownBy(() -> new SplitSpec(0, 0, 1))
                .hasMessage(
                        "split.eval_size must be a whole number of questions >= 1 or a fraction in (0, 1), got 0.0");
        assertThatThrownBy(() -> new SplitSpec(2.5, 0, 1)).hasMessageStartingWith("split.eval_size must be");
        assertThatThrownBy(() -> GroupSplit.of(TinyRecipe.rows(), new SplitSpec(48, 0, 1)))
                .hasMessage("split.eval_size 48.0 asks for 48 evaluation questions, but the data has only 48: take"
                        + " fewer");
        List<QaRow> oneGroup = TinyRecipe.rows().stream()
                .map(r -> new QaRow(r.question(), r.answer(), "same"))
                .toList();
        assertThatThrownBy(() -> GroupSplit.of(oneGroup, new SplitSpec(5, 0, 1)))
                .hasMessageStartingWith("split: the data has 1 group;");
    }
}
