package dev.rerank4j.recipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded split by group: the groups are shuffled with the seed and taken, whole, into the evaluation part until it
 * holds {@code eval_size} questions; no group is in both parts. A question text found in both (the same question
 * asked of two groups) is dropped from training, so no question leaks either.
 *
 * @param train the training rows
 * @param eval the evaluation rows
 * @param droppedLeaks training rows dropped because their question is also an evaluation question
 */
record GroupSplit(List<QaRow> train, List<QaRow> eval, int droppedLeaks) {
    GroupSplit {
        train = List.copyOf(train);
        eval = List.copyOf(eval);
    }

    static GroupSplit of(List<QaRow> rows, SplitSpec spec) {
        Map<String, List<QaRow>> groups = new LinkedHashMap<>();
        rows.forEach(
                r -> groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        Set<String> questions = new HashSet<>();
        rows.forEach(r -> questions.add(r.question()));
        int target = spec.evalSize() < 1
                ? (int) Math.max(1, Math.round(spec.evalSize() * questions.size()))
                : (int) spec.evalSize();
        if (groups.size() < 2) {
            throw new IllegalArgumentException(
                    "split: the data has " + groups.size() + " group; the split needs at"
                            + " least 2 (set data.group to a column with several values, or leave it out to split by question)");
        }
        if (target >= questions.size()) {
            throw new IllegalArgumentException("split.eval_size " + spec.evalSize() + " asks for " + target
                    + " evaluation questions, but the data has only " + questions.size() + ": take fewer");
        }
        List<String> order = new ArrayList<>(groups.keySet());
        Collections.shuffle(order, new Random(spec.seed()));
        Set<String> evalQuestions = new LinkedHashSet<>();
        List<QaRow> eval = new ArrayList<>();
        int taken = 0;
        while (evalQuestions.size() < target && taken < order.size() - 1) {
            for (QaRow r : groups.get(order.get(taken))) {
                eval.add(r);
                evalQuestions.add(r.question());
            }
            taken++;
        }
        List<QaRow> train = new ArrayList<>();
        Set<String> trainQuestions = new LinkedHashSet<>();
        int dropped = 0;
        for (String g : order.subList(taken, order.size())) {
            for (QaRow r : groups.get(g)) {
                if (evalQuestions.contains(r.question())) {
                    dropped++;
                } else if (spec.trainSize() == 0
                        || trainQuestions.contains(r.question())
                        || trainQuestions.size() < spec.trainSize()) {
                    train.add(r);
                    trainQuestions.add(r.question());
                }
            }
        }
        return new GroupSplit(train, eval, dropped);
    }

    /** Distinct questions of some rows. */
    static int questions(List<QaRow> rows) {
        Set<String> q = new HashSet<>();
        rows.forEach(r -> q.add(r.question()));
        return q.size();
    }
}
