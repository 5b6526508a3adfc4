# Helper for bench/maps: Rtsne or uwot on the first N rows of a GloVe table.
# usage: Rscript maps_peers.R rtsne|uwot TABLE N OUT.tsv THREADS
a <- commandArgs(trailingOnly = TRUE)
tool <- a[1]; n <- as.integer(a[3]); threads <- as.integer(a[5])
ncol <- length(strsplit(readLines(a[2], n = 1), " ")[[1]])
d <- read.table(a[2], nrows = n, quote = "", comment.char = "", header = FALSE, sep = " ",
                colClasses = c("character", rep("numeric", ncol - 1)))
X <- as.matrix(d[, -1])
kl <- NA
if (tool == "rtsne") {
    suppressPackageStartupMessages(library(Rtsne))
    t <- system.time(r <- Rtsne(X, dims = 2, perplexity = 30, theta = 0.5, max_iter = 1000,
                                pca = FALSE, normalize = FALSE, check_duplicates = FALSE,
                                num_threads = threads))
    Y <- r$Y
    kl <- tail(r$itercosts, 1)
} else {
    suppressPackageStartupMessages(library(uwot))
    t <- system.time(Y <- umap(X, n_neighbors = 15, min_dist = 0.1, n_threads = threads,
                               n_sgd_threads = threads))
}
write.table(data.frame(d[, 1], sprintf("%.6f", Y[, 1]), sprintf("%.6f", Y[, 2])), a[4],
            sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
cpu <- t[["user.self"]] + t[["sys.self"]] + t[["user.child"]] + t[["sys.child"]]
if (is.na(kl)) cat(sprintf("time %.3f cpu %.3f\n", t[["elapsed"]], cpu)) else
    cat(sprintf("time %.3f cpu %.3f kl %.6f\n", t[["elapsed"]], cpu, kl))
