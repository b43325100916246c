package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import com.membercard.shared.ModuleTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every table of every module is placed in the sharded mode, once: a new table needs a decision. */
class ShardedTablesTest {

    @Test
    void everyModulesTableIsPlacedExactlyOnce() throws Exception {
        Set<String> owned = ownedTables();
        assertThat(owned).as("tables the modules own").contains("card", "bill", "tenant", "tenant_placement");

        List<String> placed = new ArrayList<>();
        placed.addAll(ShardedTables.BY_TENANT);
        placed.addAll(ShardedTables.ON_EVERY_NODE);
        placed.addAll(ShardedTables.BY_OPERATOR);
        placed.addAll(ShardedTables.ON_NODE_ZERO);
        placed.addAll(ShardedTables.DIRECTORY);
        placed.addAll(ShardedTables.PER_NODE);

        assertThat(placed).as("tables placed twice").doesNotHaveDuplicates();
        assertThat(new TreeSet<>(placed))
                .as("ShardedTables against the modules' @ModuleTables: add a new table to one of its lists")
                .isEqualTo(new TreeSet<>(owned));
    }

    @Test
    void eachNodeIssuesItsOwnIdsOnly() {
        // node i of 3 issues i + 1 modulo 3, from the first such id after the last one used
        assertThat(NodeSequences.firstAfter(0, 0, 3)).isEqualTo(1);
        assertThat(NodeSequences.firstAfter(0, 1, 3)).isEqualTo(2);
        assertThat(NodeSequences.firstAfter(0, 2, 3)).isEqualTo(3);
        assertThat(NodeSequences.firstAfter(7, 0, 3)).isEqualTo(10);
        assertThat(NodeSequences.firstAfter(7, 2, 3)).isEqualTo(9);
        assertThat(NodeSequences.firstAfter(5, 0, 1)).isEqualTo(6);
    }

    private static Set<String> ownedTables() throws IOException, ClassNotFoundException {
        Set<String> owned = new HashSet<>();
        try (Stream<Path> modules = Files.list(Path.of("src/main/java/com/membercard"))) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                ModuleTables tables = Class.forName("com.membercard." + module.getFileName() + ".package-info")
                        .getAnnotation(ModuleTables.class);
                if (tables != null) {
                    owned.addAll(List.of(tables.owns()));
                    for (ModuleTables.Table reserved : tables.reserves()) {
                        owned.add(reserved.name());
                    }
                }
            }
        }
        return owned;
    }
}
