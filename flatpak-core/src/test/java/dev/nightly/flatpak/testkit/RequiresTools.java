package dev.nightly.flatpak.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that run real programs (flatpak, ostree, gpg, rsync, chromium). Where a program is missing
 * they are skipped, so that a plain {@code mvn verify} on a machine without them (a Jenkins CI agent
 * building the plugins) passes; where {@code NIGHTLY_REQUIRE_TOOLS} is set, as {@code .ci/run} does, a
 * missing program fails them instead, so our own CI can never pass by skipping.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresToolsCondition.class)
public @interface RequiresTools {
    /** Program names looked up on the PATH. */
    String[] value();
}
