package com.membercard.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void defaultsToTheFirstPageOfTwenty() {
        assertThat(Paging.of(null, null)).isEqualTo(new Paging(1, 20));
        assertThat(Paging.of(3, 50).offset()).isEqualTo(100);
    }

    @Test
    void refusesPagesOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> Paging.of(0, 20))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("pageIndex"));
        assertThatThrownBy(() -> Paging.of(1, 501))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("pageSize"));
        assertThatThrownBy(() -> Paging.of(-5, 20)).isInstanceOf(InvalidFieldException.class);
    }
}
