package com.membercard.tenancy;

/** An operator as the API lists it: never with the password hash. */
public record Operator(long id, String username, String name, Role role, Long shopId, boolean active) {}
