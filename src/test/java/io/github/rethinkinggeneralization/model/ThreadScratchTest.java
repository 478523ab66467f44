package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.Test;

/** Scratch arrays stay with their thread, the common fork-join pool's workers included. */
class ThreadScratchTest {
    private record Use(Thread thread, float[] array) {
    }

    @Test
    void aCommonPoolWorkerGetsItsArrayBackInItsNextTask() throws Exception {
        Map<Thread, Set<Integer>> arraysByThread = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            // each task is a top-level task of the common pool, after which JDK 17 erases a worker's thread-locals;
            // waiting on a latch (not the task's get(), which may run the task on this thread) leaves it to a worker
            Use[] use = new Use[1];
            CountDownLatch done = new CountDownLatch(1);
            ForkJoinPool.commonPool().execute(() -> {
                use[0] = new Use(Thread.currentThread(), ThreadScratch.floats(0, 1000));
                done.countDown();
            });
            done.await();
            assertThat(use[0].thread()).isInstanceOf(ForkJoinWorkerThread.class);
            arraysByThread.computeIfAbsent(use[0].thread(), t -> new HashSet<>()).add(System.identityHashCode(use[0].array()));
        }
        arraysByThread.forEach((thread, arrays) -> assertThat(arrays).as(thread.getName()).hasSize(1));
    }

    @Test
    void aLargerRequestGrowsTheArrayAndTheSlotsAreSeparate() throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread fresh = new Thread(() -> { // a thread of its own: other tests leave grown arrays on theirs
            try {
                float[] small = ThreadScratch.floats(3, 10);
                assertThat(ThreadScratch.floats(3, 5)).isSameAs(small);
                assertThat(ThreadScratch.floats(3, 20)).hasSizeGreaterThanOrEqualTo(20).isNotSameAs(small);
                assertThat(ThreadScratch.floats(4, 5)).isNotSameAs(ThreadScratch.floats(3, 5));
                assertThat(ThreadScratch.ints(7)).isSameAs(ThreadScratch.ints(3));
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        fresh.start();
        fresh.join();
        assertThat(failure[0]).isNull();
    }

    @Test
    void anEndedThreadsArraysAreDroppedWhenAnotherThreadArrives() throws Exception {
        Thread first = new Thread(() -> ThreadScratch.floats(0, 100));
        first.start();
        first.join();
        assertThat(ThreadScratch.holds(first)).isTrue();
        Thread second = new Thread(() -> ThreadScratch.floats(0, 100));
        second.start();
        second.join();
        assertThat(ThreadScratch.holds(first)).isFalse();
        assertThat(ThreadScratch.holds(second)).isTrue();
    }
}
