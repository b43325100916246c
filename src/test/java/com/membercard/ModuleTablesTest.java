package com.membercard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.membercard.ModuleTableCheck.Declared;
import com.membercard.ModuleTableCheck.Named;
import com.membercard.ModuleTableCheck.Schema;
import com.membercard.shared.ModuleTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module owns its tables. For every module (a package under {@code com.membercard}) this reads
 * the tables its SQL names (string literals and text blocks of its main sources, and tables given
 * to {@code TenantTable}) and holds them against the {@link ModuleTables} on its package-info.java
 * and the schema the Flyway migrations leave: a table of another module must be declared with its
 * reason, a declaration must still be needed, every table and view has exactly one owner, and a
 * trigger that writes another module's tables is declared by the module it feeds. No Spring, no
 * database: it reads files.
 */
class ModuleTablesTest {

    private static final Path MODULES = Path.of("src/main/java/com/membercard");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    @Test
    void everyModuleDeclaresTheTablesItsSqlNames() {
        Schema schema = ModuleTableCheck.schema(migrations());
        Map<String, Named> named = new TreeMap<>();
        Map<String, Declared> declared = new TreeMap<>();
        for (String module : modules()) {
            named.put(module, sqlOf(module));
            declaration(module).ifPresent(d -> declared.put(module, d));
        }
        assertThat(schema.tables()).as("tables of the migrations").contains("card", "bill", "member");

        List<String> problems = ModuleTableCheck.problems(schema, named, declared);

        if (!problems.isEmpty()) {
            fail("Each module owns its tables: another module's table is used through the owner's published service,"
                    + " or declared with its reason (@ModuleTables) in the package-info.java of the module whose SQL"
                    + " names it.\n\n"
                    + String.join("\n", problems)
                    + "\n\nThe tables by module, as declared now:\n"
                    + ModuleTableCheck.map(schema, declared, named));
        }
    }

    // ------------------------------------------------------------------ the pieces fail on made-up input

    private static final Schema SCHEMA = ModuleTableCheck.schema(List.of("""
            create table shop (tenant_id bigint, id bigint, business_date date);
            create table card (tenant_id bigint, id bigint references shop (id), balance numeric);
            -- create table not_a_table (id bigint);
            create table gone (id bigint);
            create table bill (id bigint, card_id bigint) partition by range (id);
            create table bill_2026 partition of bill for values from (1) to (100);
            create table card_totals (n bigint);
            create function count_card() returns trigger language plpgsql as $$
            begin
                insert into card_totals (n) values (1);
                return null;
            end $$;
            create trigger card_counted after insert on card for each row execute function count_card();
            """, """
            drop table gone;
            create view card_totals_kept as select n from card_totals;
            """));

    @Test
    void readsTheSchemaTheMigrationsLeave() {
        assertThat(SCHEMA.tables()).containsExactlyInAnyOrder("shop", "card", "bill", "card_totals");
        assertThat(SCHEMA.views()).containsExactly("card_totals_kept");
        assertThat(SCHEMA.relation("bill_2026")).isEqualTo("bill");
        assertThat(SCHEMA.triggers()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("card");
            assertThat(t.body().writes()).containsOnlyKeys("card_totals");
        });
    }

    @Test
    void findsTheTablesSqlNamesInJava() {
        Named named = new Named();
        ModuleTableCheck.scanJava("""
                        /** Reads the card table: not SQL, a comment. */
                        class X {
                            // update shop set nothing
                            String a = "select * from bill b, card c where c.id = b.card_id";
                            String b = \"""
                                    delete from card_totals where n = 0
                                    \""";
                            char q = '"';
                            Object t = new TenantTable<>(jdbc, "shop", "entity.shop", List.of("name"), Shop.class);
                        }
                        """, "X.java", named);

        assertThat(named.reads()).containsOnlyKeys("bill", "card");
        assertThat(named.writes()).containsOnlyKeys("card_totals", "shop");
    }

    private static Declared owns(String... tables) {
        return new Declared(Set.of(tables), Map.of(), Map.of(), Map.of(), Map.of());
    }

    private static Named sql(String sql) {
        Named named = new Named();
        ModuleTableCheck.scanSql(sql, "X.java", named);
        return named;
    }

    private static List<String> check(Map<String, Named> named, Map<String, Declared> declared) {
        return ModuleTableCheck.problems(SCHEMA, named, declared);
    }

    private static final Declared TOTALS =
            new Declared(Set.of("card_totals", "card_totals_kept"), Map.of(), Map.of(), Map.of(), Map.of("card", "r"));

    @Test
    void passesWhenEveryUseIsDeclared() {
        Map<String, Named> named = Map.of(
                "tenancy", sql("select business_date from shop"),
                "ledger", sql("insert into bill_2026 values (1); select business_date from shop"),
                "card", sql("update card set balance = 0"),
                "totals", sql("select * from card_totals_kept"));
        Declared ledger = new Declared(Set.of("bill"), Map.of(), Map.of("shop", "one statement"), Map.of(), Map.of());
        Map<String, Declared> declared =
                Map.of("tenancy", owns("shop"), "ledger", ledger, "card", owns("card"), "totals", TOTALS);

        assertThat(check(named, declared)).isEmpty();
    }

    @Test
    void failsOnAnUndeclaredTable() {
        Map<String, Named> named = Map.of(
                "tenancy", sql("select 1 from shop"),
                "ledger", sql("insert into bill values (1); update card set balance = 1"),
                "card", sql("select * from card join shop s on true"),
                "totals", sql("select * from card_totals_kept"));
        Map<String, Declared> declared =
                Map.of("tenancy", owns("shop"), "ledger", owns("bill"), "card", owns("card"), "totals", TOTALS);

        assertThat(check(named, declared))
                .containsExactlyInAnyOrder(
                        "ledger: writes card of card (X.java): call card's published service, or declare it:"
                                + " writes = @Table(name = \"card\", reason = \"…\")",
                        "card: reads shop of tenancy (X.java): call tenancy's published service, or declare it:"
                                + " reads = @Table(name = \"shop\", reason = \"…\")");
    }

    @Test
    void failsOnAStaleOrWrongDeclaration() {
        Map<String, Named> named = Map.of(
                "tenancy", sql("select 1 from shop"),
                "ledger", sql("insert into bill values (1); select * from card"),
                "card", sql("select * from card"),
                "totals", sql("select * from card_totals_kept"));
        Declared ledger = new Declared(
                Set.of("bill"), Map.of(), Map.of("shop", "no longer"), Map.of("card", "only reads"), Map.of());
        Map<String, Declared> declared =
                Map.of("tenancy", owns("shop"), "ledger", ledger, "card", owns("card"), "totals", TOTALS);

        assertThat(check(named, declared))
                .containsExactlyInAnyOrder(
                        "ledger: reads shop but its SQL never names it: a stale declaration",
                        "ledger: writes card but its SQL only reads it: move it to reads: a stale declaration");
    }

    @Test
    void failsOnATableOwnedTwiceOrNotAtAll() {
        Map<String, Named> named = Map.of(
                "tenancy", sql("select 1 from shop"),
                "card", sql("select * from card join shop on true"),
                "totals", sql("select * from card_totals_kept"));
        Map<String, Declared> declared =
                Map.of("tenancy", owns("shop"), "card", owns("card", "shop"), "totals", TOTALS);

        assertThat(check(named, declared))
                .anyMatch(p -> p.startsWith("shop: owned by ") && p.endsWith("; a table has one owner"))
                .contains("bill: owned by no module; add it to the owns (or reserves) of one");
    }

    @Test
    void failsOnATriggerFeedingAnotherModuleUndeclared() {
        Map<String, Named> named = Map.of(
                "tenancy", sql("select 1 from shop"),
                "ledger", sql("insert into bill values (1)"),
                "card", sql("select * from card"),
                "totals", sql("select * from card_totals_kept"));
        Declared unfed = owns("card_totals", "card_totals_kept");
        Declared staleFeed = new Declared(Set.of("shop"), Map.of(), Map.of(), Map.of(), Map.of("bill", "r"));
        Map<String, Declared> declared =
                Map.of("tenancy", staleFeed, "ledger", owns("bill"), "card", owns("card"), "totals", unfed);

        assertThat(check(named, declared))
                .containsExactlyInAnyOrder(
                        "totals: trigger card_counted on card (of card) names card_totals in count_card();"
                                + " declare it: fedByTriggersOn = @Table(name = \"card\", reason = \"…\")",
                        "tenancy: fedByTriggersOn bill, but no trigger on it names this module's tables:"
                                + " a stale declaration");
    }

    // ------------------------------------------------------------------ files

    private static List<String> modules() {
        try (Stream<Path> entries = Files.list(MODULES)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the module's main sources name; its package-info.java (the declaration and its reasons) is not SQL. */
    private static Named sqlOf(String module) {
        Named named = new Named();
        try (Stream<Path> files = Files.walk(MODULES.resolve(module))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!file.getFileName().toString().equals("package-info.java")) {
                    ModuleTableCheck.scanJava(
                            Files.readString(file), file.getFileName().toString(), named);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return named;
    }

    private static java.util.Optional<Declared> declaration(String module) {
        try {
            Class<?> info = Class.forName("com.membercard." + module + ".package-info");
            return java.util.Optional.ofNullable(info.getAnnotation(ModuleTables.class))
                    .map(Declared::of);
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__.*\\.sql");

    /** The migrations' texts in Flyway's order: versioned ones by version (V10 after V9), then repeatable ones. */
    private static List<String> migrations() {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            List<Path> sql =
                    files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
            List<Path> ordered = new ArrayList<>(sql.stream()
                    .filter(f -> VERSIONED.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(ModuleTablesTest::version, ModuleTablesTest::compareVersions))
                    .toList());
            sql.stream()
                    .filter(f -> f.getFileName().toString().startsWith("R__"))
                    .forEach(ordered::add);
            List<String> texts = new ArrayList<>();
            for (Path file : ordered) {
                texts.add(Files.readString(file));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<BigInteger> version(Path file) {
        Matcher m = VERSIONED.matcher(file.getFileName().toString());
        m.matches();
        return Arrays.stream(m.group(1).split("[._]"))
                .filter(s -> !s.isEmpty())
                .map(BigInteger::new)
                .toList();
    }

    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            if (x.compareTo(y) != 0) {
                return x.compareTo(y);
            }
        }
        return 0;
    }
}
