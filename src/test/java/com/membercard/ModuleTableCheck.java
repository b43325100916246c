package com.membercard;

import com.membercard.shared.ModuleTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pieces of {@link ModuleTablesTest}, apart from files so that each can be shown to fail on
 * made-up input: the schema the migrations leave, the tables a piece of SQL names, and the check of
 * every module's {@link ModuleTables} against what its SQL names.
 */
final class ModuleTableCheck {

    private ModuleTableCheck() {}

    private static final String ID = "[a-z_][a-z0-9_$.]*";

    // ------------------------------------------------------------------ what SQL names

    /** The tables a module's SQL names, each with where (a file, a view): written, or only read. */
    record Named(Map<String, Set<String>> reads, Map<String, Set<String>> writes) {

        Named() {
            this(new TreeMap<>(), new TreeMap<>());
        }

        Set<String> all() {
            Set<String> all = new TreeSet<>(reads.keySet());
            all.addAll(writes.keySet());
            return all;
        }

        void read(String table, String where) {
            reads.computeIfAbsent(table, t -> new TreeSet<>()).add(where);
        }

        void write(String table, String where) {
            writes.computeIfAbsent(table, t -> new TreeSet<>()).add(where);
        }

        String where(String table) {
            Set<String> places = new TreeSet<>(reads.getOrDefault(table, Set.of()));
            places.addAll(writes.getOrDefault(table, Set.of()));
            return String.join(", ", places);
        }
    }

    /** A word that SQL puts before a table name; the first five write it. */
    private static final Pattern TABLE_AFTER = Pattern.compile("\\b(insert\\s+into|merge\\s+into|delete\\s+from"
            + "|update|truncate(?:\\s+table)?|into|from|join|table|references)\\s+(?:only\\s+)?(" + ID + ")");
    /** The next table of a list after {@code from}: {@code from bill b, card c}. */
    private static final Pattern NEXT_IN_LIST =
            Pattern.compile("(?:\\s+(?:as\\s+)?[a-z_][a-z0-9_]*)?\\s*,\\s*(?:lateral\\s+)?(" + ID + ")");
    /** The helper that writes SQL for a table it is given by name. */
    private static final Pattern TENANT_TABLE =
            Pattern.compile("new\\s+TenantTable\\s*<[^>]*>\\s*\\(\\s*[^,()]+,\\s*\"([a-z_][a-z0-9_]*)\"");

    /** Adds what one piece of SQL names to {@code named}; any word may be a table, the schema decides. */
    static void scanSql(String sql, String where, Named named) {
        String text = sql.toLowerCase();
        Matcher m = TABLE_AFTER.matcher(text);
        while (m.find()) {
            String keyword = m.group(1).replaceAll("\\s+", " ");
            boolean writes = keyword.startsWith("insert")
                    || keyword.startsWith("merge")
                    || keyword.startsWith("delete")
                    || keyword.startsWith("update")
                    || keyword.startsWith("truncate")
                    || keyword.equals("into");
            add(named, unqualified(m.group(2)), where, writes);
            if (keyword.equals("from")) {
                Matcher next = NEXT_IN_LIST.matcher(text);
                int at = m.end();
                while (at < text.length() && next.region(at, text.length()).lookingAt()) {
                    add(named, unqualified(next.group(1)), where, false);
                    at = next.end();
                }
            }
        }
    }

    /** Adds what the SQL in one Java source names: its string literals, and tables given to {@code TenantTable}. */
    static void scanJava(String source, String where, Named named) {
        for (String literal : stringLiterals(source)) {
            scanSql(literal, where, named);
        }
        Matcher m = TENANT_TABLE.matcher(withoutComments(source));
        while (m.find()) {
            add(named, m.group(1), where, true);
        }
    }

    private static void add(Named named, String table, String where, boolean writes) {
        if (writes) {
            named.write(table, where);
        } else {
            named.read(table, where);
        }
    }

    private static String unqualified(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** The contents of the string literals and text blocks of a Java source; comments are skipped. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                while (end > 0 && source.charAt(end - 1) == '\\') {
                    end = source.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end;
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < n && source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(source.substring(i + 1, Math.min(j, n)));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    /** The source with its comments blanked out (string literals kept). */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i) || source.startsWith("/*", i)) {
                int end = source.startsWith("//", i) ? endOf(source, "\n", i + 2) : endOf(source, "*/", i + 2);
                for (int k = i; k < end; k++) {
                    out.setCharAt(k, ' ');
                }
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ what the migrations leave

    /** A trigger of the migrations: its table, and the tables its function's body names. */
    record Trigger(String name, String table, String function, Named body) {}

    /**
     * The tables and views the migrations leave (a partition counts as its parent), each view's
     * query, and the triggers with their functions as last replaced.
     */
    record Schema(
            Set<String> tables,
            Set<String> views,
            Map<String, String> viewQueries,
            Map<String, String> partitionOf,
            List<Trigger> triggers) {

        Set<String> relations() {
            Set<String> all = new TreeSet<>(tables);
            all.addAll(views);
            return all;
        }

        /** A name as the map knows it: a partition is its parent's; anything else not in the schema is null. */
        String relation(String name) {
            String parent = partitionOf.get(name);
            if (parent != null) {
                return relation(parent);
            }
            return tables.contains(name) || views.contains(name) ? name : null;
        }
    }

    private static final Pattern DDL = Pattern.compile(
            "\\bcreate\\s+(?:(?:global|local)\\s+)?(?:(?:temporary|temp|unlogged)\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?"
                    + "(?<table>" + ID + ")(?:\\s+partition\\s+of\\s+(?<parent>" + ID + "))?"
                    + "|\\bcreate\\s+(?:or\\s+replace\\s+)?(?:(?:temporary|temp|recursive)\\s+)?(?:materialized\\s+)?view\\s+"
                    + "(?:if\\s+not\\s+exists\\s+)?(?<view>" + ID + ")(?<query>[^;]*)"
                    + "|\\bdrop\\s+(?<dropped>table|(?:materialized\\s+)?view|trigger|function|procedure)\\s+"
                    + "(?:if\\s+exists\\s+)?(?<names>" + ID + "(?:\\s*(?:\\([^)]*\\))?\\s*,\\s*" + ID + ")*)"
                    + "(?:\\s*\\([^)]*\\))?(?:\\s+on\\s+(?<droppedOn>" + ID + "))?"
                    + "|\\balter\\s+(?:table|(?:materialized\\s+)?view)\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?"
                    + "(?<renamed>" + ID + ")\\s+rename\\s+to\\s+(?<renamedTo>" + ID + ")"
                    + "|\\bcreate\\s+(?:or\\s+replace\\s+)?(?:constraint\\s+)?trigger\\s+(?<trigger>" + ID + ")\\s"
                    + "[^;]*?\\bon\\s+(?<triggerOn>" + ID + ")[^;]*?\\bexecute\\s+(?:function|procedure)\\s+"
                    + "(?<triggerFunction>" + ID + ")"
                    + "|\\bcreate\\s+(?:or\\s+replace\\s+)?(?:function|procedure)\\s+(?<function>" + ID + ")\\s*\\("
                    + "[^$]*?(?<quote>\\$[a-z_0-9]*\\$)(?<body>.*?)\\k<quote>",
            Pattern.DOTALL);

    /** The schema that the migrations leave, read in the order Flyway runs them. */
    static Schema schema(List<String> migrations) {
        Set<String> tables = new TreeSet<>();
        Set<String> views = new TreeSet<>();
        Map<String, String> viewQueries = new TreeMap<>();
        Map<String, String> partitionOf = new TreeMap<>();
        Map<String, String> functions = new TreeMap<>();
        Map<String, String[]> triggers = new TreeMap<>(); // "name on table" -> {name, table, function}
        for (String migration : migrations) {
            Matcher m = DDL.matcher(migration.toLowerCase().replaceAll("--[^\\n]*", ""));
            while (m.find()) {
                if (m.group("table") != null) {
                    String table = unqualified(m.group("table"));
                    if (m.group("parent") != null) {
                        partitionOf.put(table, unqualified(m.group("parent")));
                    } else {
                        tables.add(table);
                    }
                } else if (m.group("view") != null) {
                    String view = unqualified(m.group("view"));
                    views.add(view);
                    viewQueries.put(view, m.group("query"));
                } else if (m.group("dropped") != null) {
                    for (String name :
                            m.group("names").replaceAll("\\([^)]*\\)", "").split("\\s*,\\s*")) {
                        String dropped = unqualified(name.trim());
                        switch (m.group("dropped").replaceAll("\\s+", " ")) {
                            case "trigger" -> triggers.remove(dropped + " on " + unqualified(m.group("droppedOn")));
                            case "function", "procedure" -> functions.remove(dropped);
                            case "table" -> {
                                tables.remove(dropped);
                                partitionOf.remove(dropped);
                                partitionOf.values().removeIf(dropped::equals);
                            }
                            default -> {
                                views.remove(dropped);
                                viewQueries.remove(dropped);
                            }
                        }
                    }
                } else if (m.group("renamed") != null) {
                    String from = unqualified(m.group("renamed"));
                    String to = unqualified(m.group("renamedTo"));
                    if (tables.remove(from)) {
                        tables.add(to);
                    }
                    if (views.remove(from)) {
                        views.add(to);
                        viewQueries.put(to, viewQueries.remove(from));
                    }
                    partitionOf.replaceAll((partition, parent) -> parent.equals(from) ? to : parent);
                } else if (m.group("trigger") != null) {
                    String name = unqualified(m.group("trigger"));
                    String on = unqualified(m.group("triggerOn"));
                    triggers.put(name + " on " + on, new String[] {name, on, unqualified(m.group("triggerFunction"))});
                } else {
                    functions.put(unqualified(m.group("function")), m.group("body"));
                }
            }
        }
        List<Trigger> live = new ArrayList<>();
        for (String[] t : triggers.values()) {
            Named body = new Named();
            scanSql(functions.getOrDefault(t[2], ""), "trigger " + t[0] + " on " + t[1], body);
            live.add(new Trigger(t[0], t[1], t[2], body));
        }
        return new Schema(tables, views, viewQueries, partitionOf, live);
    }

    // ------------------------------------------------------------------ what modules declare

    /** A module's {@link ModuleTables}: table names, and for the rest each table's reason. */
    record Declared(
            Set<String> owns,
            Map<String, String> reserves,
            Map<String, String> reads,
            Map<String, String> writes,
            Map<String, String> fedByTriggersOn) {

        static final Declared NOTHING = new Declared(Set.of(), Map.of(), Map.of(), Map.of(), Map.of());

        static Declared of(ModuleTables tables) {
            return new Declared(
                    new TreeSet<>(Arrays.asList(tables.owns())),
                    byName(tables.reserves()),
                    byName(tables.reads()),
                    byName(tables.writes()),
                    byName(tables.fedByTriggersOn()));
        }

        private static Map<String, String> byName(ModuleTables.Table[] tables) {
            Map<String, String> byName = new LinkedHashMap<>();
            for (ModuleTables.Table table : tables) {
                byName.put(table.name(), table.reason());
            }
            return byName;
        }

        /** Every table the declaration mentions, with the element that does. */
        Map<String, List<String>> mentions() {
            Map<String, List<String>> mentions = new TreeMap<>();
            owns.forEach(
                    t -> mentions.computeIfAbsent(t, x -> new ArrayList<>()).add("owns"));
            reserves.keySet()
                    .forEach(t ->
                            mentions.computeIfAbsent(t, x -> new ArrayList<>()).add("reserves"));
            reads.keySet()
                    .forEach(t ->
                            mentions.computeIfAbsent(t, x -> new ArrayList<>()).add("reads"));
            writes.keySet()
                    .forEach(t ->
                            mentions.computeIfAbsent(t, x -> new ArrayList<>()).add("writes"));
            fedByTriggersOn
                    .keySet()
                    .forEach(t ->
                            mentions.computeIfAbsent(t, x -> new ArrayList<>()).add("fedByTriggersOn"));
            return mentions;
        }
    }

    // ------------------------------------------------------------------ the check

    /**
     * What is wrong, one line each, empty when every module's declaration matches its SQL and the
     * migrations' triggers and every table has exactly one owner.
     *
     * @param named what each module's Java SQL names (views are added here from the schema)
     * @param declared each module's declaration; a module without one is an error
     */
    static List<String> problems(Schema schema, Map<String, Named> named, Map<String, Declared> declared) {
        List<String> problems = new ArrayList<>();
        Map<String, String> owner = owners(schema, declared, problems);
        Map<String, Named> sql = withViews(schema, named, owner);

        for (String module : new TreeSet<>(sql.keySet())) {
            Declared d = declared.get(module);
            if (d == null) {
                problems.add(module + ": no @ModuleTables on its package-info.java");
                continue;
            }
            Named uses = sql.get(module);
            Set<String> writes = relations(schema, uses.writes().keySet());
            Set<String> names = relations(schema, uses.all());
            d.mentions().forEach((table, elements) -> {
                if (schema.relation(table) == null) {
                    problems.add(module + ": " + elements + " \"" + table + "\", which no migration creates");
                } else if (elements.stream()
                                .filter(e -> !e.equals("fedByTriggersOn"))
                                .count()
                        > 1) {
                    problems.add(
                            module + ": \"" + table + "\" in " + String.join(" and ", elements) + "; once is enough");
                }
            });
            for (String table : names) {
                String of = owner.get(table);
                if (of == null) {
                    problems.add(module + ": names " + table + " (" + uses.where(table) + "), which no module owns");
                } else if (module.equals(of)) {
                    if (d.reserves().containsKey(table)) {
                        problems.add(module + ": reserves " + table + " but its SQL names it (" + uses.where(table)
                                + "): move it to owns");
                    }
                } else if (writes.contains(table) && !d.writes().containsKey(table)) {
                    problems.add(module + ": writes " + table + " of " + describe(of) + " (" + uses.where(table)
                            + "): call " + describe(of)
                            + "'s published service, or declare it: writes = @Table(name = \""
                            + table + "\", reason = \"…\")");
                } else if (!writes.contains(table)
                        && !d.reads().containsKey(table)
                        && !d.writes().containsKey(table)) {
                    problems.add(module + ": reads " + table + " of " + describe(of) + " (" + uses.where(table)
                            + "): call " + describe(of)
                            + "'s published service, or declare it: reads = @Table(name = \""
                            + table + "\", reason = \"…\")");
                }
            }
            for (String table : d.owns()) {
                if (!names.contains(table)) {
                    problems.add(module + ": owns " + table + " but its SQL never names it: a stale declaration"
                            + " (or reserves, for a feature still to come)");
                }
            }
            for (String table : d.reads().keySet()) {
                if (!names.contains(table)) {
                    problems.add(module + ": reads " + table + " but its SQL never names it: a stale declaration");
                } else if (writes.contains(table)) {
                    problems.add(module + ": declares it reads " + table + ", but its SQL writes it ("
                            + uses.where(table) + ")");
                }
            }
            for (String table : d.writes().keySet()) {
                if (!writes.contains(table)) {
                    problems.add(module + ": writes " + table + " but its SQL "
                            + (names.contains(table) ? "only reads it: move it to reads" : "never names it")
                            + ": a stale declaration");
                }
            }
            for (String table : d.reads().keySet()) {
                if (module.equals(owner.get(table))) {
                    problems.add(module + ": reads " + table + ", which it owns");
                }
            }
            for (String table : d.writes().keySet()) {
                if (module.equals(owner.get(table))) {
                    problems.add(module + ": writes " + table + ", which it owns");
                }
            }
            declareReasons(module, d, problems);
        }
        for (String module : declared.keySet()) {
            if (!sql.containsKey(module)) {
                problems.add(module + ": declares tables, but there is no such module");
            }
        }
        triggers(schema, owner, declared, problems);
        return problems;
    }

    private static Map<String, String> owners(Schema schema, Map<String, Declared> declared, List<String> problems) {
        Map<String, String> owner = new TreeMap<>();
        Map<String, List<String>> claims = new TreeMap<>();
        declared.forEach((module, d) -> {
            d.owns()
                    .forEach(t ->
                            claims.computeIfAbsent(t, x -> new ArrayList<>()).add(module));
            d.reserves()
                    .keySet()
                    .forEach(t ->
                            claims.computeIfAbsent(t, x -> new ArrayList<>()).add(module));
        });
        claims.forEach((table, modules) -> {
            if (modules.size() > 1) {
                problems.add(table + ": owned by " + String.join(" and ", modules) + "; a table has one owner");
            }
            owner.put(table, modules.get(0));
        });
        for (String table : schema.relations()) {
            if (!owner.containsKey(table)) {
                problems.add(table + ": owned by no module; add it to the owns (or reserves) of one");
            }
        }
        return owner;
    }

    /** Each module's SQL, plus the queries of the views it owns. */
    private static Map<String, Named> withViews(Schema schema, Map<String, Named> named, Map<String, String> owner) {
        Map<String, Named> sql = new TreeMap<>();
        named.forEach((module, n) -> {
            Named copy = new Named();
            n.reads().forEach((t, where) -> where.forEach(w -> copy.read(t, w)));
            n.writes().forEach((t, where) -> where.forEach(w -> copy.write(t, w)));
            sql.put(module, copy);
        });
        schema.viewQueries().forEach((view, query) -> {
            String module = owner.get(view);
            if (module != null && sql.containsKey(module)) {
                scanSql(query, "view " + view, sql.get(module));
            }
        });
        return sql;
    }

    private static Set<String> relations(Schema schema, Set<String> names) {
        return names.stream()
                .map(schema::relation)
                .filter(r -> r != null)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(String owner) {
        return owner == null ? "no module" : owner;
    }

    private static void declareReasons(String module, Declared d, List<String> problems) {
        List.of(d.reserves(), d.reads(), d.writes(), d.fedByTriggersOn())
                .forEach(tables -> tables.forEach((table, reason) -> {
                    if (reason.isBlank()) {
                        problems.add(module + ": " + table + " without a reason");
                    }
                }));
    }

    /**
     * A trigger on one module's table whose function names another module's tables feeds that
     * module: it must say so ({@code fedByTriggersOn}), and say nothing no trigger does.
     */
    private static void triggers(
            Schema schema, Map<String, String> owner, Map<String, Declared> declared, List<String> problems) {
        Map<String, Set<String>> fed = new TreeMap<>(); // module -> trigger tables that feed it
        for (Trigger trigger : schema.triggers()) {
            String source = owner.get(trigger.table());
            for (String table : relations(schema, trigger.body().all())) {
                String target = owner.get(table);
                if (target == null || target.equals(source) || table.equals(trigger.table())) {
                    continue;
                }
                fed.computeIfAbsent(target, m -> new TreeSet<>()).add(trigger.table());
                Declared d = declared.getOrDefault(target, Declared.NOTHING);
                if (!d.fedByTriggersOn().containsKey(trigger.table())) {
                    problems.add(target + ": trigger " + trigger.name() + " on " + trigger.table() + " (of "
                            + describe(source) + ") names " + table + " in " + trigger.function()
                            + "(); declare it: fedByTriggersOn = @Table(name = \"" + trigger.table()
                            + "\", reason = \"…\")");
                }
            }
        }
        declared.forEach((module, d) -> d.fedByTriggersOn().keySet().forEach(table -> {
            if (!fed.getOrDefault(module, Set.of()).contains(table)) {
                problems.add(module + ": fedByTriggersOn " + table
                        + ", but no trigger on it names this module's tables: a stale declaration");
            }
        }));
    }

    // ------------------------------------------------------------------ the map, for people

    /** Every module's declaration and what its SQL names, as a newcomer would want to read it. */
    static String map(Schema schema, Map<String, Declared> declared, Map<String, Named> named) {
        StringBuilder out = new StringBuilder();
        Set<String> modules = new TreeSet<>(declared.keySet());
        modules.addAll(named.keySet());
        for (String module : modules) {
            Declared d = declared.getOrDefault(module, Declared.NOTHING);
            out.append(module).append('\n');
            out.append("    owns ").append(d.owns().isEmpty() ? "nothing" : String.join(", ", d.owns()));
            out.append('\n');
            line(out, "reserves", d.reserves());
            line(out, "writes", d.writes());
            line(out, "reads", d.reads());
            line(out, "fed by triggers on", d.fedByTriggersOn());
            Set<String> names =
                    relations(schema, named.getOrDefault(module, new Named()).all());
            if (!names.isEmpty()) {
                out.append("    (its Java SQL names ")
                        .append(String.join(", ", names))
                        .append(")\n");
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String what, Map<String, String> tables) {
        tables.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(t -> out.append("    ")
                        .append(what)
                        .append(' ')
                        .append(t.getKey())
                        .append(": ")
                        .append(t.getValue())
                        .append('\n'));
    }
}
