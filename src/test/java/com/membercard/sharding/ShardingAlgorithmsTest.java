package com.membercard.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.junit.jupiter.api.Test;

/** The routing by a value, without ShardingSphere or a database. */
class ShardingAlgorithmsTest {

    private static final List<String> TWO_NODES = List.of("node_0", "node_1");

    @Test
    void anOperatorsRowsGoToTheNodeThatIssuedItsId() {
        OperatorNodeAlgorithm algorithm = new OperatorNodeAlgorithm();

        // node 0 issues 1, 3, 5…; node 1 issues 2, 4, 6… (NodeSequences)
        assertThat(algorithm.doSharding(TWO_NODES, operator(1L))).isEqualTo("node_0");
        assertThat(algorithm.doSharding(TWO_NODES, operator(4L))).isEqualTo("node_1");
        assertThat(algorithm.doSharding(TWO_NODES, operator(7)))
                .as("an Integer literal")
                .isEqualTo("node_0");
    }

    @Test
    void aValueThatIsNoNumberIsRefusedNeverParsed() {
        assertThatThrownBy(() -> new OperatorNodeAlgorithm().doSharding(TWO_NODES, operator("13800138000")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sign_in_failure.operator_id");
    }

    private static PreciseShardingValue<Comparable<?>> operator(Comparable<?> id) {
        return new PreciseShardingValue<>("sign_in_failure", "operator_id", null, id);
    }
}
