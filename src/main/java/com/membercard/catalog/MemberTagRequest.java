package com.membercard.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST/PUT /member-tags}; names are unique in a tenant. */
record MemberTagRequest(@NotBlank @Size(max = 50) String name) {}
