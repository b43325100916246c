package com.membercard.catalog;

/** A member tag (会员标签). */
public record MemberTag(long id, String name) {}
