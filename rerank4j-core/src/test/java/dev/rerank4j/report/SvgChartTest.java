package dev.rerank4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgChartTest {
    // the plot area: x from 64 to 462 (398 wide), y from 46 down to 234 (188 high)

    @Test
    void niceAxesStartAndEndOnTicksOfOneTwoOrFive() {
        assertThat(Axis.nice(0, 10)).isEqualTo(new Axis(0, 10, 2));
        Axis unit = Axis.nice(0, 1);
        assertThat(unit.lo()).isZero();
        assertThat(unit.hi()).isEqualTo(1.0, within(1e-12));
        assertThat(unit.step()).isEqualTo(0.2, within(1e-12));
        Axis metric = Axis.nice(0.37, 0.74);
        assertThat(metric.lo()).isEqualTo(0.3, within(1e-12));
        assertThat(metric.hi()).isEqualTo(0.8, within(1e-12));
        assertThat(metric.ticks()).hasSize(6);
        Axis lr = Axis.nice(0, 2e-5);
        assertThat(lr.step()).isEqualTo(5e-6, within(1e-18));
        assertThat(Axis.nice(3, 3).lo()).isLessThan(3);
        assertThat(Axis.nice(3, 3).hi()).isGreaterThan(3);
        assertThat(Axis.nice(0, 0)).isEqualTo(new Axis(-1, 1, 0.5));
    }

    @Test
    void lineChartPointsLandOnTheirCoordinates() throws Exception {
        String svg = SvgChart.lineChart(
                "t", "step", "v", List.of(new SvgChart.Series("s", "#000000", new double[] {0, 5, 10}, new double[] {
                    0, 0.5, 1
                })));
        Document doc = Xml.parse(svg);
        List<Element> lines = Xml.withClass(doc, "polyline", "series");
        assertThat(lines).hasSize(1);
        // x: 64 + v / 10 * 398; y: 234 - v * 188
        assertThat(points(lines.get(0))).containsExactly(64.0, 234.0, 263.0, 140.0, 462.0, 46.0);
        List<Element> markers = Xml.withClass(doc, "circle", "marker");
        assertThat(markers).hasSize(3);
        assertThat(markers.get(1).getAttribute("cx")).isEqualTo("263.00");
        assertThat(markers.get(1).getAttribute("cy")).isEqualTo("140.00");
        assertThat(Xml.withClass(doc, "text", "x-label").get(0).getTextContent())
                .isEqualTo("step");
        assertThat(Xml.withClass(doc, "text", "y-label").get(0).getTextContent())
                .isEqualTo("v");
        // y ticks 0, 0.2, ..., 1 labelled with one decimal
        assertThat(Xml.withClass(doc, "line", "grid")).hasSize(6);
        assertThat(svg).contains(">0.6</text>");
    }

    @Test
    void aValueThatIsNotFiniteBreaksTheLine() throws Exception {
        Document doc = Xml.parse(SvgChart.lineChart(
                "t",
                "step",
                "v",
                List.of(new SvgChart.Series(
                        "s", "#000000", new double[] {0, 2, 4, 6, 10}, new double[] {0, 1, Double.NaN, 1, 0}))));
        List<Element> lines = Xml.withClass(doc, "polyline", "series");
        assertThat(lines).hasSize(2);
        // x axis 0..10: 64 + v * 39.8
        assertThat(points(lines.get(0))).containsExactly(64.0, 234.0, 143.6, 46.0);
        assertThat(points(lines.get(1))).containsExactly(302.8, 46.0, 462.0, 234.0);
    }

    @Test
    void histogramBarsAreSharesSideBySideOnSharedBins() throws Exception {
        Histogram pos = new Histogram(0, 1, List.of(1, 3)); // 25 %, 75 %
        Histogram neg = new Histogram(0, 1, List.of(2, 2)); // 50 %, 50 %
        Document doc = Xml.parse(SvgChart.histogram(
                "h",
                "score",
                List.of(
                        new SvgChart.Bars("positives", "#0000ff", pos),
                        new SvgChart.Bars("negatives", "#ff0000", neg))));
        List<Element> bars = Xml.withClass(doc, "rect", "bar");
        assertThat(bars).hasSize(4);
        // y axis 0..80 %: height = share / 80 * 188; x: bin k starts at 64 + k * 199, each series half a bin
        assertBar(bars.get(0), "positives", 64.0, 99.5, 25 / 80.0 * 188);
        assertBar(bars.get(1), "positives", 263.0, 99.5, 75 / 80.0 * 188);
        assertBar(bars.get(2), "negatives", 163.5, 99.5, 50 / 80.0 * 188);
        assertBar(bars.get(3), "negatives", 362.5, 99.5, 50 / 80.0 * 188);
        for (Element b : bars) {
            double y = Double.parseDouble(b.getAttribute("y"));
            assertThat(y + Double.parseDouble(b.getAttribute("height"))).isEqualTo(234.0, within(0.011));
        }
        assertThat(Xml.all(doc, "g"))
                .extracting(Element::getTextContent)
                .containsExactly("positives (n=4)", "negatives (n=4)");
    }

    @Test
    void histogramsOnDifferentBinsAreOverlaid() throws Exception {
        Document doc = Xml.parse(SvgChart.histogram(
                "h",
                "score",
                List.of(
                        new SvgChart.Bars("a", "#0000ff", new Histogram(0, 1, List.of(1, 1))),
                        new SvgChart.Bars("b", "#ff0000", new Histogram(0.5, 1, List.of(4))))));
        List<Element> bars = Xml.withClass(doc, "rect", "bar");
        assertThat(bars).hasSize(3);
        assertThat(bars)
                .allSatisfy(b -> assertThat(b.getAttribute("fill-opacity")).isEqualTo("0.55"));
        assertThat(Double.parseDouble(bars.get(2).getAttribute("x"))).isEqualTo(263.0, within(0.01));
        assertThat(Double.parseDouble(bars.get(2).getAttribute("width"))).isEqualTo(198.5, within(0.01));
    }

    @Test
    void chartsWithoutValuesSaySo() throws Exception {
        Document h = Xml.parse(SvgChart.histogram(
                "h", "score", List.of(new SvgChart.Bars("a", "#0000ff", new Histogram(0, 1, List.of(0, 0))))));
        assertThat(Xml.withClass(h, "rect", "bar")).isEmpty();
        assertThat(Xml.withClass(h, "text", "empty").get(0).getTextContent()).isEqualTo("no scores");
        Document l = Xml.parse(SvgChart.lineChart(
                "l", "step", "v", List.of(new SvgChart.Series("s", "#000000", new double[] {1}, new double[] {Double.NaN
                }))));
        assertThat(Xml.withClass(l, "polyline", "series")).isEmpty();
        assertThat(Xml.withClass(l, "text", "empty").get(0).getTextContent()).isEqualTo("no values");
    }

    @Test
    void aHistogramOfOneValueAndALineOfOnePointStillDraw() throws Exception {
        // all scores equal: a zero-width range; the axis widens around it and the bar keeps a visible width
        Document h = Xml.parse(SvgChart.histogram(
                "h", "score", List.of(new SvgChart.Bars("a", "#0000ff", new Histogram(0.5, 0.5, List.of(3))))));
        List<Element> bars = Xml.withClass(h, "rect", "bar");
        assertThat(bars).hasSize(1);
        assertThat(Double.parseDouble(bars.get(0).getAttribute("width"))).isEqualTo(0.5);
        assertThat(Double.parseDouble(bars.get(0).getAttribute("height"))).isEqualTo(188.0, within(0.011));
        // one point at step 100: the x axis 80..120 puts it in the middle
        Document l = Xml.parse(SvgChart.lineChart(
                "l", "step", "v", List.of(new SvgChart.Series("s", "#000000", new double[] {100}, new double[] {0.7
                }))));
        Element marker = Xml.withClass(l, "circle", "marker").get(0);
        assertThat(Double.parseDouble(marker.getAttribute("cx"))).isEqualTo(263.0, within(0.011));
        assertThat(Double.parseDouble(marker.getAttribute("cy"))).isEqualTo(140.0, within(0.011));
    }

    private static void assertBar(Element bar, String series, double x, double width, double height) {
        assertThat(bar.getAttribute("data-series")).isEqualTo(series);
        assertThat(Double.parseDouble(bar.getAttribute("x"))).isEqualTo(x, within(0.011));
        assertThat(Double.parseDouble(bar.getAttribute("width"))).isEqualTo(width, within(0.011));
        assertThat(Double.parseDouble(bar.getAttribute("height"))).isEqualTo(height, within(0.011));
    }

    private static List<Double> points(Element polyline) {
        return java.util.Arrays.stream(polyline.getAttribute("points").split("[ ,]"))
                .map(Double::parseDouble)
                .toList();
    }
}
