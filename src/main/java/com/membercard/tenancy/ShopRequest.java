package com.membercard.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ShopRequest(
        @NotBlank @Size(max = 100) String name,
        @Size(max = 32) String code,
        @Size(max = 200) String address) {}
