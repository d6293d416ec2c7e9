package dev.rerank4j.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class or method of the data suite: it reads the team's real datasets (WikiQA, SciFact, ...) through
 * {@link SharedData}. The default build ({@code ./mvnw verify}) excludes the tag {@value #TAG}; the Maven profile
 * {@code data} ({@code ./mvnw verify -Pdata}) runs these tests in a second Surefire execution and fails at once when
 * {@code ../shared} is absent.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(DataSuite.TAG)
public @interface DataSuite {
    /** The JUnit tag of the data suite. */
    String TAG = "data";
}
