package dev.rerank4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rerank4j.mining.MinedDataset;
import java.util.List;

/** Row-by-row comparison of two mined datasets: texts and labels equal, scores within a tolerance. */
final class Equivalence {
    private Equivalence() {}

    static void assertSameRows(MinedDataset got, MinedDataset want, double tolerance) {
        assertThat(got.columns()).isEqualTo(want.columns());
        assertThat(got.rows()).hasSameSizeAs(want.rows()).isNotEmpty();
        for (int i = 0; i < want.rows().size(); i++) {
            List<Object> a = got.values(i);
            List<Object> b = want.values(i);
            assertThat(a).hasSameSizeAs(b);
            for (int j = 0; j < b.size(); j++) {
                assertCell(
                        a.get(j),
                        b.get(j),
                        tolerance,
                        "row " + i + " column " + want.columns().get(j));
            }
        }
    }

    private static void assertCell(Object a, Object b, double tolerance, String where) {
        if (b instanceof Float f) {
            assertThat((double) Math.abs((Float) a - f)).as(where).isLessThanOrEqualTo(tolerance);
        } else if (b instanceof float[] f) {
            float[] g = (float[]) a;
            assertThat(g).as(where).hasSameSizeAs(f);
            for (int i = 0; i < f.length; i++) {
                assertThat((double) Math.abs(g[i] - f[i])).as(where).isLessThanOrEqualTo(tolerance);
            }
        } else if (b instanceof List<?> l) {
            List<?> g = (List<?>) a;
            assertThat(g).as(where).hasSameSizeAs(l);
            for (int i = 0; i < l.size(); i++) {
                assertCell(g.get(i), l.get(i), tolerance, where + "[" + i + "]");
            }
        } else {
            assertThat(a).as(where).isEqualTo(b);
        }
    }
}
