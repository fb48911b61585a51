package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.wsproto.events.BytesMessage;
import io.wsproto.events.TextMessage;
import org.junit.jupiter.api.Test;

class MessageAssemblerTest {
    @Test
    void passesAWholeMessageThroughUntouched() {
        TextMessage whole = new TextMessage("hi");
        assertSame(whole, new MessageAssembler().add(whole));
    }

    @Test
    void joinsTextAndBinaryParts() {
        MessageAssembler a = new MessageAssembler();
        assertNull(a.add(new TextMessage("a", true, false)));
        assertNull(a.add(new TextMessage("b", false, false)));
        assertEquals(new TextMessage("abc"), a.add(new TextMessage("c", true, true)));
        byte[] big = new byte[1000];
        big[999] = 9;
        assertNull(a.add(new BytesMessage(new byte[] {1}, true, false)));
        BytesMessage joined = (BytesMessage) a.add(new BytesMessage(big, true, true));
        assertEquals(1001, joined.data().length);
        assertEquals(9, joined.data()[1000]);
        assertArrayEquals(new byte[] {5}, ((BytesMessage) a.add(new BytesMessage(new byte[] {5}))).data(), "starts afresh");
    }
}
