package com.membercard.shared;

/** The {@code [{key, value}]} shape of the dictionaries and of op16. */
public record KeyValue<V>(int key, V value) {}
