package com.membercard.support;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every tenant-owned resource with create/read/update/delete, with a valid body for each: the
 * tables that the isolation and role tests run through, so a resource added here is covered by all.
 */
public record AdminResource(String path, Function<String, Map<String, Object>> body) {

    public static final List<AdminResource> ALL = List.of(
            new AdminResource("/api/v1/shops", Fixtures::shop),
            new AdminResource("/api/v1/operators", Fixtures::operator),
            new AdminResource("/api/v1/api-keys", Fixtures::apiKeyBody),
            new AdminResource("/api/v1/card-classes", Fixtures::cardClass),
            new AdminResource("/api/v1/member-levels", Fixtures::memberLevel),
            new AdminResource("/api/v1/member-tags", Fixtures::memberTag),
            new AdminResource("/api/v1/gifts", Fixtures::gift),
            new AdminResource("/api/v1/recharge-plans", Fixtures::rechargePlan));

    /** A fresh body: unique names, so usernames and tag names never clash. */
    public Map<String, Object> newBody() {
        return body.apply(Fixtures.unique("r"));
    }

    /** The id of a create's answer: a number, or {@code data.id} where the answer is an object. */
    public static long idOf(Api.Response created) {
        return created.data().isObject()
                ? created.data().path("id").asLong()
                : created.data().asLong();
    }

    @Override
    public String toString() {
        return path;
    }
}
