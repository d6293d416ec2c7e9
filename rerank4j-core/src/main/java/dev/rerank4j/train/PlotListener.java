package dev.rerank4j.train;

import dev.rerank4j.io.TempPaths;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Draws {@code output_dir/training.png} (Java2D, headless): the training and evaluation losses against the step on
 * the left, the other evaluation metrics on the right. Redrawn after every evaluation and at the end.
 */
final class PlotListener implements TrainerListener {
    static final String FILE = "training.png";
    private static final Set<String> SKIP = Set.of("eval_runtime", "eval_samples_per_second", "eval_steps_per_second");
    private static final Color[] COLORS = {
        new Color(0x1f77b4),
        new Color(0xff7f0e),
        new Color(0x2ca02c),
        new Color(0xd62728),
        new Color(0x9467bd),
        new Color(0x8c564b),
        new Color(0xe377c2),
        new Color(0x7f7f7f)
    };
    private static final int W = 560;
    private static final int H = 400;

    @Override
    public void onLog(TrainerContext ctx, Map<String, Object> entry) {
        if (entry.keySet().stream().anyMatch(k -> k.startsWith("eval_"))) {
            write(ctx);
        }
    }

    @Override
    public void onTrainEnd(TrainerContext ctx) {
        write(ctx);
    }

    private static void write(TrainerContext ctx) {
        Map<String, List<double[]>> losses = new LinkedHashMap<>();
        Map<String, List<double[]>> metrics = new LinkedHashMap<>();
        for (Map<String, Object> e : ctx.state().logHistory()) {
            double step = ((Number) e.get("step")).doubleValue();
            e.forEach((k, v) -> {
                boolean series = k.equals("loss") || (k.startsWith("eval_") && !SKIP.contains(k));
                if (series && v instanceof Number n) {
                    (k.endsWith("loss") ? losses : metrics)
                            .computeIfAbsent(k.equals("loss") ? "train_loss" : k, x -> new ArrayList<>())
                            .add(new double[] {step, n.doubleValue()});
                }
            });
        }
        int panels = metrics.isEmpty() ? 1 : 2;
        BufferedImage img = new BufferedImage(W * panels, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W * panels, H);
            panel(g, 0, "Loss (" + ctx.args().effectiveRunName() + ")", losses);
            if (panels == 2) {
                panel(g, W, "Evaluation metrics", metrics);
            }
        } finally {
            g.dispose();
        }
        Path file = ctx.args().outputDir().resolve(FILE);
        try {
            Files.createDirectories(ctx.args().outputDir());
            Path tmp = TempPaths.sibling(file, TempPaths.Kind.TMP);
            ImageIO.write(img, "png", tmp.toFile());
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw TrainingRun.unchecked("cannot write " + file, e);
        }
    }

    private static void panel(Graphics2D g, int x0, String title, Map<String, List<double[]>> series) {
        int left = x0 + 70;
        int right = x0 + W - 20;
        int top = 40;
        int bottom = H - 50;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        if (series.isEmpty()) {
            minX = 0;
            maxX = 1;
            minY = 0;
            maxY = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double pad = (maxY - minY) * 0.05 + 1e-9;
        minY -= pad;
        maxY += pad;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.LIGHT_GRAY);
        for (int i = 0; i <= 5; i++) {
            int y = bottom - (bottom - top) * i / 5;
            int x = left + (right - left) * i / 5;
            g.drawLine(left, y, right, y);
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.3g", minY + (maxY - minY) * i / 5), x0 + 8, y + 4);
            g.drawString(String.format(Locale.ROOT, "%.0f", minX + (maxX - minX) * i / 5), x - 10, bottom + 16);
            g.setColor(Color.LIGHT_GRAY);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.drawString("step", (left + right) / 2 - 10, bottom + 34);
        int c = 0;
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            g.setColor(COLORS[c % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int[] prev = null;
            for (double[] p : s.getValue()) {
                int x = (int) Math.round(left + (p[0] - minX) / (maxX - minX) * (right - left));
                int y = (int) Math.round(bottom - (p[1] - minY) / (maxY - minY) * (bottom - top));
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], x, y);
                }
                g.fillOval(x - 2, y - 2, 5, 5);
                prev = new int[] {x, y};
            }
            g.drawString(s.getKey(), right - 170, top + 16 + 14 * c);
            c++;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
