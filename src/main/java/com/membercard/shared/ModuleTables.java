package com.membercard.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables of a module, on its {@code package-info.java}. A module owns its tables: only its SQL
 * names them, and other modules go through its published services. Where one statement across
 * modules is worth it (the payment path, one round trip under the card's lock), the borrowing
 * module says so here, with the reason. {@code ModuleTablesTest} reads the migrations and every
 * module's SQL and fails on a table named but not declared, a declaration nothing needs any more,
 * or a table owned twice or not at all.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface ModuleTables {

    /** Tables and views of the migrations that this module owns and its SQL names. */
    String[] owns() default {};

    /** Tables laid out in the schema for a feature still to come: owned here, named by no SQL yet. */
    Table[] reserves() default {};

    /** Another module's tables that this module's SQL reads. */
    Table[] reads() default {};

    /** Another module's tables that this module's SQL writes (and may read). */
    Table[] writes() default {};

    /** Another module's tables whose triggers (in the migrations) write into this module's tables. */
    Table[] fedByTriggersOn() default {};

    /** One table and why it is here. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Table {
        String name();

        String reason();
    }
}
