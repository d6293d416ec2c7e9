package dev.rerank4j.spark;

import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Tuple2;

/** Checked access to the columns of the DataFrames the API is given. */
final class Frames {
    private Frames() {}

    /**
     * The index of column {@code name}, which must hold strings.
     *
     * @throws SparkInputException naming the column, the option and the columns there are
     */
    static int stringColumn(Dataset<Row> frame, String name, String option) {
        List<String> names = Arrays.asList(frame.columns());
        int at = names.indexOf(name);
        if (at < 0) {
            throw new SparkInputException("no column \"" + name + "\" (" + option + "); the columns are " + names);
        }
        StructField f = frame.schema().fields()[at];
        if (!f.dataType().equals(DataTypes.StringType)) {
            throw new SparkInputException("column \"" + name + "\" (" + option + ") holds "
                    + f.dataType().simpleString() + ", not strings");
        }
        return at;
    }

    /** Fails when {@code name} is already a column (an added column must be new). */
    static void newColumn(Dataset<Row> frame, String name, String option) {
        if (Arrays.asList(frame.columns()).contains(name)) {
            throw new SparkInputException(
                    "column \"" + name + "\" (" + option + ") exists already; choose another name");
        }
    }

    /** The (anchor, positive) pairs, collected in the frame's order; a null cell names its row. */
    static List<TextPair> pairs(Dataset<Row> frame, String anchor, String positive) {
        stringColumn(frame, anchor, "anchor column");
        stringColumn(frame, positive, "positive column");
        List<Row> rows = frame.select(anchor, positive).collectAsList();
        List<TextPair> pairs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.isNullAt(0) || r.isNullAt(1)) {
                throw new SparkInputException(
                        "pairs row " + i + " (0-based): column \"" + (r.isNullAt(0) ? anchor : positive)
                                + "\" is null; every pair needs an anchor and a positive");
            }
            pairs.add(new TextPair(r.getString(0), r.getString(1)));
        }
        if (pairs.isEmpty()) {
            throw new SparkInputException("the pairs are empty: mining needs (anchor, positive) pairs");
        }
        return pairs;
    }

    /** (text, position) of every corpus row, in the frame's order; a null text names its partition and row. */
    static JavaPairRDD<String, Long> texts(Dataset<Row> frame, String column) {
        stringColumn(frame, column, "corpus column");
        return frame.select(column).javaRDD().zipWithIndex().mapToPair(t -> {
            if (t._1().isNullAt(0)) {
                throw new SparkInputException("corpus row " + t._2() + " (0-based): column \"" + column + "\" is null");
            }
            return new Tuple2<>(t._1().getString(0), t._2());
        });
    }
}
