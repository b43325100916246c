package com.membercard.tenancy;

/** A merchant (租户) with its own shops, operators, members, cards and catalogue. */
record Tenant(long id, String name, String timeZone) {}
