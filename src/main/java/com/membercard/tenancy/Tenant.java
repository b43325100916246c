package com.membercard.tenancy;

/** A merchant (租户) with its own shops, operators, members, cards and catalogue. */
public record Tenant(long id, String name, String timeZone) {}
