package com.membercard.sharding;

import java.util.Collection;
import java.util.List;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * Routes a row keyed by an operator's id alone ({@code sign_in_failure}) to the node that issued the
 * id, where the operator is: ids are interleaved across the nodes ({@link NodeSequences}), node i
 * issuing i + 1 modulo N.
 */
public final class OperatorNodeAlgorithm implements StandardShardingAlgorithm<Comparable<?>> {

    @Override
    public String doSharding(Collection<String> nodes, PreciseShardingValue<Comparable<?>> operatorId) {
        long id = TenantPlacementAlgorithm.id(operatorId.getValue(), operatorId);
        return TenantPlacementAlgorithm.node((int) Math.floorMod(id - 1, (long) nodes.size()));
    }

    @Override
    public Collection<String> doSharding(Collection<String> nodes, RangeShardingValue<Comparable<?>> operatorIds) {
        return List.copyOf(nodes);
    }
}
