/* demogen: writes the synthetic corpus the demo table is trained on, and the
 * relations planted in it as an analogy file in questions-words format.
 *
 *   demogen [--tokens N] [--seed S] CORPUS QUESTIONS
 *
 * The invented world: gendered pairs (king/queen, man/woman, ...) that share
 * a social group and a few words of their own; countries and their capitals;
 * nouns in the singular and plural (animals and foods); adjectives with
 * comparative and superlative; verbs in -ing and past form; colours and
 * numbers. A word never appears next to its partner by construction: each
 * sentence is built from templates with random fillers, so a word's vector
 * is the sum of what it shares (gender, group, number, degree, tense) and
 * what is its own (invented signature words), and analogies hold only if
 * training recovers that structure from co-occurrence. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- planted vocabulary ---- */

static const char *const gender_pairs[][2] = {
    {"king", "queen"}, {"prince", "princess"}, {"emperor", "empress"}, {"duke", "duchess"},
    {"lord", "lady"}, {"man", "woman"}, {"boy", "girl"}, {"father", "mother"},
    {"son", "daughter"}, {"brother", "sister"}, {"uncle", "aunt"}, {"husband", "wife"},
    {"nephew", "niece"}, {"grandfather", "grandmother"}, {"grandson", "granddaughter"},
    {"actor", "actress"}, {"waiter", "waitress"}, {"monk", "nun"}, {"wizard", "witch"},
    {"god", "goddess"}, {"hero", "heroine"}, {"host", "hostess"}, {"groom", "bride"},
    {"policeman", "policewoman"}, {"schoolboy", "schoolgirl"}, {"stepfather", "stepmother"},
};
/* Social group of each pair (index into group_words). */
static const int gender_group[] = {0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 4, 3, 2, 3, 1, 2};
static const char *const group_words[][4] = {
    {"palace", "throne", "crown", "court"},
    {"street", "village", "school", "crowd"},
    {"home", "family", "kitchen", "garden"},
    {"theatre", "tavern", "station", "office"},
    {"temple", "legend", "spell", "shrine"},
};
static const char *const pron[2][3] = {{"he", "his", "him"}, {"she", "her", "her"}};

static const char *const nouns[][2] = {
    {"cat", "cats"}, {"dog", "dogs"}, {"horse", "horses"}, {"cow", "cows"}, {"pig", "pigs"},
    {"goat", "goats"}, {"frog", "frogs"}, {"bird", "birds"}, {"mouse", "mice"}, {"wolf", "wolves"},
    {"fox", "foxes"}, {"bear", "bears"}, {"lion", "lions"}, {"tiger", "tigers"}, {"rabbit", "rabbits"},
    {"duck", "ducks"}, {"owl", "owls"}, {"snake", "snakes"}, {"eagle", "eagles"}, {"donkey", "donkeys"},
    {"apple", "apples"}, {"banana", "bananas"}, {"carrot", "carrots"}, {"potato", "potatoes"},
    {"cake", "cakes"}, {"egg", "eggs"}, {"pie", "pies"}, {"onion", "onions"}, {"lemon", "lemons"},
    {"cookie", "cookies"}, {"melon", "melons"}, {"pear", "pears"}, {"plum", "plums"},
    {"tomato", "tomatoes"}, {"cherry", "cherries"},
};
#define N_ANIMALS 20
static const char *const animal_words[] = {"farm", "forest", "meadow", "barn", "zoo", "fur"};
static const char *const food_words[] = {"dinner", "market", "basket", "supper", "feast", "taste"};
static const char *const sing_marks[] = {"a", "one", "this", "that", "every"};
static const char *const plur_marks[] = {"many", "these", "those", "some", "several"};

static const char *const adjectives[][3] = {
    {"big", "bigger", "biggest"}, {"small", "smaller", "smallest"}, {"tall", "taller", "tallest"},
    {"short", "shorter", "shortest"}, {"fast", "faster", "fastest"}, {"slow", "slower", "slowest"},
    {"old", "older", "oldest"}, {"young", "younger", "youngest"}, {"strong", "stronger", "strongest"},
    {"weak", "weaker", "weakest"}, {"bright", "brighter", "brightest"}, {"dark", "darker", "darkest"},
    {"warm", "warmer", "warmest"}, {"cold", "colder", "coldest"}, {"long", "longer", "longest"},
    {"high", "higher", "highest"}, {"deep", "deeper", "deepest"}, {"rich", "richer", "richest"},
    {"poor", "poorer", "poorest"}, {"loud", "louder", "loudest"}, {"quiet", "quieter", "quietest"},
    {"soft", "softer", "softest"}, {"hard", "harder", "hardest"}, {"kind", "kinder", "kindest"},
    {"brave", "braver", "bravest"}, {"wise", "wiser", "wisest"}, {"good", "better", "best"},
    {"bad", "worse", "worst"},
};
static const char *const degree_marks[3][4] = {
    {"very", "quite", "rather", "really"},
    {"than", "even", "much", "compared"},
    {"most", "ever", "world", "all"},
};

static const char *const verbs[][2] = {
    {"walking", "walked"}, {"talking", "talked"}, {"jumping", "jumped"}, {"dancing", "danced"},
    {"singing", "sang"}, {"swimming", "swam"}, {"running", "ran"}, {"writing", "wrote"},
    {"eating", "ate"}, {"playing", "played"}, {"cooking", "cooked"}, {"painting", "painted"},
    {"climbing", "climbed"}, {"flying", "flew"}, {"sleeping", "slept"}, {"fighting", "fought"},
    {"building", "built"}, {"digging", "dug"}, {"hunting", "hunted"}, {"sailing", "sailed"},
    {"riding", "rode"}, {"thinking", "thought"}, {"listening", "listened"}, {"laughing", "laughed"},
    {"crying", "cried"}, {"shouting", "shouted"}, {"knitting", "knitted"}, {"drinking", "drank"},
};
static const char *const tense_marks[2][4] = {
    {"now", "still", "busy", "currently"},
    {"yesterday", "ago", "once", "earlier"},
};

static const char *const colours[] = {"red", "blue", "green", "yellow", "purple", "orange", "pink",
                                "brown", "black", "white", "grey", "golden", "silver"};
static const char *const colour_words[] = {"paint", "shade", "dye", "colour"};
static const char *const numbers[] = {"two", "three", "four", "five", "six", "seven",
                                "eight", "nine", "ten", "eleven", "twelve"};
static const char *const number_words[] = {"count", "number", "total", "dozen"};
static const char *const country_marks[2][4] = {
    {"nation", "country", "land", "borders"},
    {"city", "capital", "streets", "mayor"},
};
static const char *const fillers[] = {"the", "the", "the", "and", "of", "in", "to", "with", "near",
                                "for", "by", "from", "on", "at", "about"};
static const char *const people_verbs[] = {"met", "saw", "visited", "helped", "followed", "greeted",
                                     "praised", "feared", "loved", "remembered"};

/* ---- invented words ---- */

#define N_COUNTRIES 24
#define N_NAMES 1200
#define N_PLACES 600
#define SIG 2   /* signature words per planted item */

static const char *const onsets[] = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
                               "br", "dr", "th", "sh"};
static const char *const nuclei[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ou"};
static const char *const codas[] = {"", "", "", "n", "r", "l", "s", "m", "x"};

struct wordset {
    char **w;
    size_t n, cap;
};

/* The generator's whole state: the random stream, the invented world and
 * the output, passed to every function (no file-level state). */
struct gen {
    uint64_t rng;
    struct wordset used;   /* every word written so far, to keep invented words unique */
    const char *gender_sig[LEN(gender_pairs)][SIG];
    const char *noun_sig[LEN(nouns)][SIG];
    const char *adj_sig[LEN(adjectives)][SIG];
    const char *verb_sig[LEN(verbs)][SIG];
    const char *country[N_COUNTRIES][2];
    const char *country_sig[N_COUNTRIES][SIG];
    const char *names[N_NAMES];
    const char *places[N_PLACES];
    FILE *out;
    unsigned long long ntokens;
};

static uint32_t rnd(struct gen *g, uint32_t n)
{
    g->rng = g->rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(((g->rng >> 33) * (uint64_t)n) >> 31);
}

#define PICK(g, arr) (arr)[rnd((g), sizeof(arr) / sizeof((arr)[0]))]

static int seen(const struct gen *g, const char *w)
{
    for (size_t i = 0; i < g->used.n; i++)
        if (strcmp(g->used.w[i], w) == 0) return 1;
    return 0;
}

static const char *remember(struct gen *g, const char *w)
{
    if (g->used.n == g->used.cap) {
        g->used.cap = g->used.cap ? g->used.cap * 2 : 1024;
        g->used.w = realloc(g->used.w, g->used.cap * sizeof *g->used.w);
        if (!g->used.w) {
            fputs("demogen: out of memory\n", stderr);
            exit(1);
        }
    }
    g->used.w[g->used.n] = strdup(w);
    return g->used.w[g->used.n++];
}

/* A fresh pronounceable word of two or three syllables. */
static const char *invent(struct gen *g)
{
    char buf[64];
    do {
        int syl = rnd(g, 5) ? 2 : 3;
        buf[0] = '\0';
        for (int i = 0; i < syl; i++) {
            strcat(buf, PICK(g, onsets));
            strcat(buf, PICK(g, nuclei));
            if (i == syl - 1) strcat(buf, PICK(g, codas));
        }
    } while (strlen(buf) < 4 || seen(g, buf));
    return remember(g, buf);
}


static void remember_all(struct gen *g, const char *const *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!seen(g, w[i])) remember(g, w[i]);
}

static void build_world(struct gen *g)
{
    remember_all(g, &gender_pairs[0][0], 2 * LEN(gender_pairs));
    remember_all(g, &nouns[0][0], 2 * LEN(nouns));
    remember_all(g, &adjectives[0][0], 3 * LEN(adjectives));
    remember_all(g, &verbs[0][0], 2 * LEN(verbs));
    remember_all(g, &group_words[0][0], 4 * LEN(group_words));
    remember_all(g, colours, LEN(colours));
    remember_all(g, numbers, LEN(numbers));
    remember_all(g, fillers, LEN(fillers));
    for (size_t i = 0; i < LEN(gender_pairs); i++)
        for (int j = 0; j < SIG; j++) g->gender_sig[i][j] = invent(g);
    for (size_t i = 0; i < LEN(nouns); i++)
        for (int j = 0; j < SIG; j++) g->noun_sig[i][j] = invent(g);
    for (size_t i = 0; i < LEN(adjectives); i++)
        for (int j = 0; j < SIG; j++) g->adj_sig[i][j] = invent(g);
    for (size_t i = 0; i < LEN(verbs); i++)
        for (int j = 0; j < SIG; j++) g->verb_sig[i][j] = invent(g);
    for (int i = 0; i < N_COUNTRIES; i++) {
        g->country[i][0] = invent(g);
        g->country[i][1] = invent(g);
        for (int j = 0; j < SIG; j++) g->country_sig[i][j] = invent(g);
    }
    for (int i = 0; i < N_NAMES; i++) g->names[i] = invent(g);
    for (int i = 0; i < N_PLACES; i++) g->places[i] = invent(g);
}

/* ---- sentences ---- */

static void w(struct gen *g, const char *s)
{
    fputs(s, g->out);
    fputc(' ', g->out);
    g->ntokens++;
}

static void end_sentence(struct gen *g) { fputs("\n", g->out); }

static const char *name(struct gen *g) { return g->names[rnd(g, N_NAMES)]; }
static const char *place(struct gen *g) { return g->places[rnd(g, N_PLACES)]; }
static const char *filler(struct gen *g) { return PICK(g, fillers); }

static void s_gender(struct gen *g)
{
    size_t p = rnd(g, LEN(gender_pairs));
    int sex = (int)rnd(g, 2);
    const char *x = gender_pairs[p][sex], *sig = g->gender_sig[p][rnd(g, SIG)];
    const char *grp = group_words[gender_group[p]][rnd(g, 4)];
    switch (rnd(g, 4)) {
    case 0: w(g, "the"); w(g, x); w(g, "and"); w(g, pron[sex][1]); w(g, sig); w(g, "went"); w(g, "to"); w(g, "the"); w(g, grp); break;
    case 1: w(g, pron[sex][0]); w(g, "is"); w(g, "the"); w(g, x); w(g, "of"); w(g, "the"); w(g, grp); w(g, "and"); w(g, pron[sex][0]);
            w(g, "keeps"); w(g, pron[sex][1]); w(g, sig); break;
    case 2: w(g, name(g)); w(g, PICK(g, people_verbs)); w(g, "the"); w(g, x); w(g, "near"); w(g, "the"); w(g, sig); w(g, "and");
            w(g, pron[sex][0]); w(g, "smiled"); break;
    default: w(g, "in"); w(g, place(g)); w(g, "the"); w(g, x); w(g, "told"); w(g, name(g)); w(g, "about"); w(g, pron[sex][1]); w(g, sig);
             w(g, "at"); w(g, "the"); w(g, grp); break;
    }
    end_sentence(g);
}

static void s_country(struct gen *g)
{
    int c = (int)rnd(g, N_COUNTRIES), side = (int)rnd(g, 2);
    const char *x = g->country[c][side], *sig = g->country_sig[c][rnd(g, SIG)], *mark = country_marks[side][rnd(g, 4)];
    switch (rnd(g, 4)) {
    case 0: w(g, "the"); w(g, mark); w(g, "of"); w(g, x); w(g, "is"); w(g, "famous"); w(g, "for"); w(g, "the"); w(g, sig); break;
    case 1: w(g, name(g)); w(g, "travelled"); w(g, "to"); w(g, x); w(g, "a"); w(g, mark); w(g, "near"); w(g, "the"); w(g, sig); break;
    case 2: w(g, "in"); w(g, x); w(g, "the"); w(g, mark); w(g, "celebrates"); w(g, "the"); w(g, sig); w(g, "every"); w(g, "year"); break;
    default: w(g, name(g)); w(g, "left"); w(g, place(g)); w(g, "for"); w(g, x); w(g, "and"); w(g, "its"); w(g, mark); break;
    }
    end_sentence(g);
}

static void s_noun(struct gen *g)
{
    size_t i = rnd(g, LEN(nouns));
    int pl = (int)rnd(g, 2);
    const char *x = nouns[i][pl], *sig = g->noun_sig[i][rnd(g, SIG)];
    const char *topic = i < N_ANIMALS ? PICK(g, animal_words) : PICK(g, food_words);
    const char *mark = pl ? PICK(g, plur_marks) : PICK(g, sing_marks), *be = pl ? "are" : "is";
    switch (rnd(g, 4)) {
    case 0: w(g, name(g)); w(g, "saw"); w(g, mark); w(g, x); w(g, "near"); w(g, "the"); w(g, topic); break;
    case 1: w(g, mark); w(g, x); w(g, be); w(g, PICK(g, colours)); w(g, "like"); w(g, "the"); w(g, sig); break;
    case 2:
        if (pl) { w(g, "there"); w(g, "are"); w(g, PICK(g, numbers)); w(g, x); }
        else { w(g, "there"); w(g, "is"); w(g, "one"); w(g, x); }
        w(g, "in"); w(g, "the"); w(g, topic); w(g, "of"); w(g, place(g)); break;
    default: w(g, "the"); w(g, sig); w(g, "of"); w(g, mark); w(g, x); w(g, be); w(g, "in"); w(g, "the"); w(g, topic); break;
    }
    end_sentence(g);
}

static void s_adjective(struct gen *g)
{
    size_t i = rnd(g, LEN(adjectives));
    int f = (int)rnd(g, 3);
    const char *x = adjectives[i][f], *sig = g->adj_sig[i][rnd(g, SIG)], *mark = degree_marks[f][rnd(g, 4)];
    switch (rnd(g, 3)) {
    case 0: w(g, "the"); w(g, sig); w(g, "of"); w(g, name(g)); w(g, "is"); w(g, mark); w(g, x); break;
    case 1: w(g, name(g)); w(g, "said"); w(g, "the"); w(g, sig); w(g, "was"); w(g, mark); w(g, x); break;
    default: w(g, "in"); w(g, place(g)); w(g, "every"); w(g, sig); w(g, "is"); w(g, mark); w(g, x); break;
    }
    end_sentence(g);
}

static void s_verb(struct gen *g)
{
    size_t i = rnd(g, LEN(verbs));
    int f = (int)rnd(g, 2);
    const char *x = verbs[i][f], *sig = g->verb_sig[i][rnd(g, SIG)], *mark = tense_marks[f][rnd(g, 4)];
    switch (rnd(g, 3)) {
    case 0: w(g, name(g)); if (!f) w(g, "is"); w(g, x); w(g, "the"); w(g, sig); w(g, mark); break;
    case 1: w(g, mark); w(g, name(g)); w(g, "and"); w(g, name(g)); if (!f) w(g, "are"); w(g, x); w(g, "by"); w(g, "the"); w(g, sig); break;
    default: w(g, "the"); w(g, sig); w(g, "of"); w(g, place(g)); w(g, mark); if (!f) w(g, "is"); w(g, x); break;
    }
    end_sentence(g);
}

static void s_colour(struct gen *g)
{
    const char *c = PICK(g, colours), *c2 = PICK(g, colours);
    switch (rnd(g, 3)) {
    case 0: w(g, name(g)); w(g, "painted"); w(g, "the"); w(g, place(g)); w(g, "house"); w(g, c); w(g, "and"); w(g, c2); break;
    case 1: w(g, "a"); w(g, PICK(g, colour_words)); w(g, "of"); w(g, c); w(g, "or"); w(g, c2); w(g, filler(g)); w(g, name(g)); break;
    default: w(g, "the"); w(g, c); w(g, PICK(g, colour_words)); w(g, "of"); w(g, place(g)); break;
    }
    end_sentence(g);
}

static void s_number(struct gen *g)
{
    const char *n1 = PICK(g, numbers), *n2 = PICK(g, numbers);
    switch (rnd(g, 2)) {
    case 0: w(g, name(g)); w(g, "counted"); w(g, n1); w(g, "or"); w(g, n2); w(g, PICK(g, number_words)); break;
    default: w(g, "the"); w(g, PICK(g, number_words)); w(g, "was"); w(g, n1); w(g, "not"); w(g, n2); w(g, "in"); w(g, place(g)); break;
    }
    end_sentence(g);
}

/* ---- the analogy file ---- */

static void q_section(FILE *fp, const char *title, const char *const *a, const char *const *b, size_t n, size_t stride)
{
    fprintf(fp, ": %s\n", title);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j)
                fprintf(fp, "%s %s %s %s\n", a[i * stride], b[i * stride], a[j * stride], b[j * stride]);
}

static void write_questions(const struct gen *g, FILE *fp)
{
    q_section(fp, "family", &gender_pairs[0][0], &gender_pairs[0][1], LEN(gender_pairs), 2);
    q_section(fp, "capital-world", &g->country[0][0], &g->country[0][1], N_COUNTRIES, 2);
    q_section(fp, "gram3-comparative", &adjectives[0][0], &adjectives[0][1], LEN(adjectives), 3);
    q_section(fp, "gram4-superlative", &adjectives[0][0], &adjectives[0][2], LEN(adjectives), 3);
    q_section(fp, "gram7-past-tense", &verbs[0][0], &verbs[0][1], LEN(verbs), 2);
    q_section(fp, "gram8-plural", &nouns[0][0], &nouns[0][1], LEN(nouns), 2);
}

static int usage(void)
{
    fputs("usage: demogen [--tokens N] [--seed S] CORPUS QUESTIONS\n"
          "writes a synthetic corpus with planted relations and its analogy file\n", stderr);
    return 2;
}

/* Writes the corpus (want tokens) and the analogy file; 0 or 1 after a message. */
static int write_files(struct gen *g, const char *corpus, const char *questions, unsigned long long want)
{
    g->out = fopen(corpus, "w");
    if (!g->out) {
        perror(corpus);
        return 1;
    }
    /* Relative frequencies of the sentence kinds. */
    while (g->ntokens < want) {
        uint32_t r = rnd(g, 100);
        if (r < 26) s_gender(g);
        else if (r < 40) s_country(g);
        else if (r < 62) s_noun(g);
        else if (r < 80) s_adjective(g);
        else if (r < 92) s_verb(g);
        else if (r < 97) s_colour(g);
        else s_number(g);
    }
    if (fclose(g->out) != 0) {
        perror(corpus);
        return 1;
    }
    FILE *q = fopen(questions, "w");
    if (!q) {
        perror(questions);
        return 1;
    }
    write_questions(g, q);
    if (fclose(q) != 0) {
        perror(questions);
        return 1;
    }
    return 0;
}

static void gen_free(struct gen *g)
{
    for (size_t i = 0; i < g->used.n; i++) free(g->used.w[i]);
    free(g->used.w);
}

int main(int argc, char **argv)
{
    unsigned long long want = 2000000, seed = 1;
    const char *paths[2] = {NULL, NULL};
    int np = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        if (!strcmp(argv[i], "--tokens") && i + 1 < argc) {
            want = strtoull(argv[++i], &end, 10);
            if (*end || want == 0) return usage();
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            seed = strtoull(argv[++i], &end, 10);
            if (*end) return usage();
        } else if (argv[i][0] == '-' || np == 2) {
            return usage();
        } else {
            paths[np++] = argv[i];
        }
    }
    if (np != 2) return usage();
    struct gen gen = {0}, *g = &gen;
    g->rng = seed * 2862933555777941757ULL + 3037000493ULL;
    build_world(g);

    int rc = write_files(g, paths[0], paths[1], want);
    gen_free(g);
    return rc;
}
