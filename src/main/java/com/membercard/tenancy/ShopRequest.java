package com.membercard.tenancy;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ShopRequest(
        @Schema(example = "南京西路店") @NotBlank @Size(max = 100)
        String name,

        @Schema(example = "SH001") @Size(max = 32) String code,
        @Schema(example = "上海市静安区南京西路 1 号") @Size(max = 200) String address) {}
