# Helper for bench/tsne: Rtsne (Barnes-Hut reference implementation) on the
# first N rows of a GloVe-format table. usage: Rscript tsne_rtsne.R TABLE N OUT.tsv THREADS
suppressPackageStartupMessages(library(Rtsne))
a <- commandArgs(trailingOnly = TRUE)
n <- as.integer(a[2])
ncol <- length(strsplit(readLines(a[1], n = 1), " ")[[1]])
d <- read.table(a[1], nrows = n, quote = "", comment.char = "", header = FALSE, sep = " ",
                colClasses = c("character", rep("numeric", ncol - 1)))
X <- as.matrix(d[, -1])
t <- system.time(r <- Rtsne(X, dims = 2, perplexity = 30, theta = 0.5, max_iter = 1000,
                            pca = FALSE, normalize = FALSE, check_duplicates = FALSE,
                            num_threads = as.integer(a[4])))
write.table(data.frame(d[, 1], sprintf("%.6f", r$Y[, 1]), sprintf("%.6f", r$Y[, 2])), a[3],
            sep = "\t", quote = FALSE, row.names = FALSE, col.names = FALSE)
cat(sprintf("time %.3f cpu %.3f kl %.6f\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], tail(r$itercosts, 1)))
