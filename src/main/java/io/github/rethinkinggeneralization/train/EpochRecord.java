package io.github.rethinkinggeneralization.train;

/**
 * One point of a learning curve, measured after epoch {@code epoch} (1-based): the mean minibatch
 * training loss during the epoch, accuracy on the whole training set and on the test set (both in
 * inference mode; test accuracy is NaN after epochs where the budget skips the test set), the learning rate used, cumulative SGD steps and cumulative wall seconds.
 */
public record EpochRecord(int epoch, long steps, double trainLoss, double trainAccuracy, double testAccuracy,
                          double learningRate, double seconds) {

    static final String CSV_HEADER = "epoch,steps,train_loss,train_accuracy,test_accuracy,learning_rate,seconds";

    String toCsv() {
        return epoch + "," + steps + "," + trainLoss + "," + trainAccuracy + "," + testAccuracy + ","
                + learningRate + "," + String.format(java.util.Locale.ROOT, "%.3f", seconds);
    }
}
