package io.proximadb.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopbackTest {

    @Test
    void onlyAddressesAndNamesThatReachThisMachineAloneAreLoopback() {
        assertThat(Loopback.is("127.0.0.1")).isTrue();
        assertThat(Loopback.is("127.0.1.1")).isTrue();
        assertThat(Loopback.is("::1")).isTrue();
        assertThat(Loopback.is("localhost")).isTrue();
        assertThat(Loopback.is("0.0.0.0")).as("every address").isFalse();
        assertThat(Loopback.is("::")).isFalse();
        assertThat(Loopback.is("192.0.2.1")).isFalse();
    }
}
