package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.shardingsphere.sql.parser.api.CacheOption;
import org.apache.shardingsphere.sql.parser.api.SQLParserEngine;
import org.apache.shardingsphere.sql.parser.api.SQLStatementVisitorEngine;
import org.apache.shardingsphere.sql.parser.statement.core.extractor.TableExtractor;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * Feeds the service's SQL to ShardingSphere's PostgreSQL parser, as the sharded mode's DataSource
 * will: every statement written whole in the sources (a literal or text block handed to {@code
 * sql(...)} or pinned by {@code pin(tenantId, ...)}, or a constant that starts a statement). Statements built from pieces at run time are
 * left to {@link ShardedModeTest}, where ShardingSphere parses what is actually sent.
 *
 * <p>Every statement must parse but those listed. The money path's one-statement forms (the ledger's
 * data-modifying CTEs, the serial's lock and lookup in a function) are built from pieces and never
 * sent in the sharded mode: there it runs their separate plain statements instead
 * ({@code shared/jdbc/StatementForm}), which {@link ShardedModeTest} sends for real.
 */
class SqlParseCheckTest {

    /**
     * Refused, not rewritten yet (README "Sharded mode"), by file and opening words: a listed one that
     * comes to parse fails the test until taken off, and so does a refused one not listed.
     */
    private static final List<String> NOT_REWRITTEN_YET = List.of();

    private static final Path SOURCES = Path.of("src/main/java/com/membercard");
    private static final Pattern SQL_CALL = Pattern.compile(
            "\\.sql\\(\\s*(?:\"\"\"((?:(?!\"\"\").)*)\"\"\"|\"((?:[^\"\\\\]|\\\\.)*)\")\\s*\\)", Pattern.DOTALL);
    // a statement pinned to its tenant's node (shared/jdbc/TenantNode): parsed and checked all the same
    private static final Pattern PINNED = Pattern.compile(
            "\\.pin\\(\\s*\\w+,\\s*(?:\"\"\"((?:(?!\"\"\").)*)\"\"\"|\"((?:[^\"\\\\]|\\\\.)*)\")\\s*\\)",
            Pattern.DOTALL);
    private static final Pattern STATEMENT_CONSTANT = Pattern.compile(
            "static final String \\w+\\s*=\\s*(?:\"\"\"((?:(?!\"\"\").)*)\"\"\"|\"((?:[^\"\\\\]|\\\\.)*)\")\\s*;",
            Pattern.DOTALL);
    private static final Pattern STARTS_A_STATEMENT =
            Pattern.compile("^\\s*(select|insert|update|delete|with)\\b", Pattern.CASE_INSENSITIVE);

    private final SQLParserEngine parser = new SQLParserEngine("PostgreSQL", new CacheOption(128, 1024));
    private final SQLStatementVisitorEngine visitor = new SQLStatementVisitorEngine("PostgreSQL");

    @Test
    void everyStatementParsesButThoseListed() throws IOException {
        Map<String, String> statements = statements();
        assertThat(statements).as("statements found in the sources").hasSizeGreaterThan(100);
        List<String> refused = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        for (Map.Entry<String, String> statement : statements.entrySet()) {
            refusal(statement.getValue()).ifPresent(reason -> {
                refused.add(statement.getKey());
                if (!NOT_REWRITTEN_YET.contains(statement.getKey())) {
                    unlisted.add(statement.getKey() + "\n    refused: " + reason);
                }
            });
        }
        assertThat(unlisted)
                .as("statements ShardingSphere's parser refuses, not listed as still to rewrite")
                .isEmpty();
        assertThat(refused)
                .as("the statements still to rewrite")
                .containsExactlyInAnyOrderElementsOf(NOT_REWRITTEN_YET);
    }

    @Test
    void theCheckCatchesARefusedStatement() {
        assertThat(refusal("select 1 from card where tenant_id = ?")).isEmpty();
        assertThat(refusal("insert into t (a) values (now() + make_interval(secs => ?)) returning a"))
                .isPresent();
    }

    /**
     * ShardingSphere checks the tables of an {@code INSERT … SELECT}, {@code UPDATE} or {@code DELETE}
     * even when the statement is pinned to a tenant's node ({@code shared/jdbc/TenantNode}): over a
     * tenant's tables it must name only tables of their binding group, and it takes a column
     * qualifier it cannot resolve (an {@code unnest}'s or a subquery's alias) for a table.
     */
    @Test
    void everyWriteOverATenantsTablesNamesOnlyTheirBindingGroup() throws IOException {
        List<String> refused = new ArrayList<>();
        for (Map.Entry<String, String> statement : statements().entrySet()) {
            tablesOutsideTheGroup(statement.getValue())
                    .ifPresent(tables -> refused.add(statement.getKey() + "\n    names: " + tables));
        }
        assertThat(refused)
                .as("writes ShardingSphere refuses as naming tables outside the binding group")
                .isEmpty();
    }

    @Test
    void theWriteCheckCatchesAnUnresolvedQualifier() {
        assertThat(tablesOutsideTheGroup(
                        "insert into points_lot (tenant_id, card_id) select ?, l.card_id from unnest(?) as l(card_id)"))
                .contains(List.of("points_lot", "l"));
        assertThat(tablesOutsideTheGroup(
                        "insert into points_lot (tenant_id, card_id) select ?, card_id from unnest(?) as l(card_id)"))
                .isEmpty();
    }

    /** The tables a write names, when ShardingSphere's check refuses them. */
    private java.util.Optional<List<String>> tablesOutsideTheGroup(String sql) {
        Object statement;
        try {
            statement = visitor.visit(parser.parse(sql, false));
        } catch (RuntimeException refusedByTheParser) {
            return java.util.Optional.empty(); // the parse check's to report
        }
        TableExtractor tables = new TableExtractor();
        if (statement instanceof InsertStatement insert
                && insert.getInsertSelect().isPresent()) {
            tables.extractTablesFromInsert(insert);
        } else if (statement instanceof UpdateStatement update) {
            tables.extractTablesFromUpdate(update);
        } else if (statement instanceof DeleteStatement delete) {
            tables.extractTablesFromDelete(delete);
        } else {
            return java.util.Optional.empty();
        }
        List<String> names = tables.getRewriteTables().stream()
                .map(table -> table.getTableName().getIdentifier().getValue())
                .distinct()
                .toList();
        boolean overATenantsTables = names.stream().anyMatch(ShardedTables.BY_TENANT::contains);
        return overATenantsTables && names.size() > 1 && !ShardedTables.BY_TENANT.containsAll(names)
                ? java.util.Optional.of(names)
                : java.util.Optional.empty();
    }

    private java.util.Optional<String> refusal(String sql) {
        try {
            if (visitor.visit(parser.parse(sql, false)) == null) {
                return java.util.Optional.of("no statement");
            }
            return java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Each statement as JDBC receives it (named parameters as {@code ?}), keyed by file and opening words. */
    private static Map<String, String> statements() throws IOException {
        Map<String, String> statements = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String name = SOURCES.relativize(file).toString();
                for (Pattern pattern : List.of(SQL_CALL, PINNED, STATEMENT_CONSTANT)) {
                    Matcher found = pattern.matcher(source);
                    while (found.find()) {
                        String sql = found.group(1) != null ? found.group(1) : found.group(2);
                        // a String.format template (a % outside the SQL's quotes) is not what JDBC receives
                        if (STARTS_A_STATEMENT.matcher(sql).find()
                                && !sql.replaceAll("'[^']*'", "").contains("%")) {
                            String jdbc = NamedParameterUtils.substituteNamedParameters(
                                    NamedParameterUtils.parseSqlStatement(sql.replace("\\\"", "\"")), null);
                            statements.put(name + ": " + opening(jdbc), jdbc.strip());
                        }
                    }
                }
            }
        }
        return statements;
    }

    private static String opening(String sql) {
        String words = sql.strip().replaceAll("\\s+", " ");
        return words.length() > 90 ? words.substring(0, 90) : words;
    }
}
