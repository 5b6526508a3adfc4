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

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(((rng_state >> 33) * (uint64_t)n) >> 31);
}

#define PICK(arr) (arr)[rnd(sizeof(arr) / sizeof((arr)[0]))]
#define LEN(arr) (sizeof(arr) / sizeof((arr)[0]))

/* ---- planted vocabulary ---- */

static const char *gender_pairs[][2] = {
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
static const char *group_words[][4] = {
    {"palace", "throne", "crown", "court"},
    {"street", "village", "school", "crowd"},
    {"home", "family", "kitchen", "garden"},
    {"theatre", "tavern", "station", "office"},
    {"temple", "legend", "spell", "shrine"},
};
static const char *pron[2][3] = {{"he", "his", "him"}, {"she", "her", "her"}};

static const char *nouns[][2] = {
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
static const char *animal_words[] = {"farm", "forest", "meadow", "barn", "zoo", "fur"};
static const char *food_words[] = {"dinner", "market", "basket", "supper", "feast", "taste"};
static const char *sing_marks[] = {"a", "one", "this", "that", "every"};
static const char *plur_marks[] = {"many", "these", "those", "some", "several"};

static const char *adjectives[][3] = {
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
static const char *degree_marks[3][4] = {
    {"very", "quite", "rather", "really"},
    {"than", "even", "much", "compared"},
    {"most", "ever", "world", "all"},
};

static const char *verbs[][2] = {
    {"walking", "walked"}, {"talking", "talked"}, {"jumping", "jumped"}, {"dancing", "danced"},
    {"singing", "sang"}, {"swimming", "swam"}, {"running", "ran"}, {"writing", "wrote"},
    {"eating", "ate"}, {"playing", "played"}, {"cooking", "cooked"}, {"painting", "painted"},
    {"climbing", "climbed"}, {"flying", "flew"}, {"sleeping", "slept"}, {"fighting", "fought"},
    {"building", "built"}, {"digging", "dug"}, {"hunting", "hunted"}, {"sailing", "sailed"},
    {"riding", "rode"}, {"thinking", "thought"}, {"listening", "listened"}, {"laughing", "laughed"},
    {"crying", "cried"}, {"shouting", "shouted"}, {"knitting", "knitted"}, {"drinking", "drank"},
};
static const char *tense_marks[2][4] = {
    {"now", "still", "busy", "currently"},
    {"yesterday", "ago", "once", "earlier"},
};

static const char *colours[] = {"red", "blue", "green", "yellow", "purple", "orange", "pink",
                                "brown", "black", "white", "grey", "golden", "silver"};
static const char *colour_words[] = {"paint", "shade", "dye", "colour"};
static const char *numbers[] = {"two", "three", "four", "five", "six", "seven",
                                "eight", "nine", "ten", "eleven", "twelve"};
static const char *number_words[] = {"count", "number", "total", "dozen"};
static const char *country_marks[2][4] = {
    {"nation", "country", "land", "borders"},
    {"city", "capital", "streets", "mayor"},
};
static const char *fillers[] = {"the", "the", "the", "and", "of", "in", "to", "with", "near",
                                "for", "by", "from", "on", "at", "about"};
static const char *people_verbs[] = {"met", "saw", "visited", "helped", "followed", "greeted",
                                     "praised", "feared", "loved", "remembered"};

/* ---- invented words ---- */

#define N_COUNTRIES 24
#define N_NAMES 1200
#define N_PLACES 600
#define SIG 2   /* signature words per planted item */

static const char *onsets[] = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
                               "br", "dr", "th", "sh"};
static const char *nuclei[] = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ou"};
static const char *codas[] = {"", "", "", "n", "r", "l", "s", "m", "x"};

struct wordset {
    char **w;
    size_t n, cap;
};
static struct wordset used;   /* every word written so far, to keep invented words unique */

static int seen(const char *w)
{
    for (size_t i = 0; i < used.n; i++)
        if (strcmp(used.w[i], w) == 0) return 1;
    return 0;
}

static const char *remember(const char *w)
{
    if (used.n == used.cap) {
        used.cap = used.cap ? used.cap * 2 : 1024;
        used.w = realloc(used.w, used.cap * sizeof *used.w);
        if (!used.w) {
            fputs("demogen: out of memory\n", stderr);
            exit(1);
        }
    }
    used.w[used.n] = strdup(w);
    return used.w[used.n++];
}

/* A fresh pronounceable word of two or three syllables. */
static const char *invent(void)
{
    char buf[64];
    do {
        int syl = rnd(5) ? 2 : 3;
        buf[0] = '\0';
        for (int i = 0; i < syl; i++) {
            strcat(buf, PICK(onsets));
            strcat(buf, PICK(nuclei));
            if (i == syl - 1) strcat(buf, PICK(codas));
        }
    } while (strlen(buf) < 4 || seen(buf));
    return remember(buf);
}

static const char *gender_sig[LEN(gender_pairs)][SIG];
static const char *noun_sig[LEN(nouns)][SIG];
static const char *adj_sig[LEN(adjectives)][SIG];
static const char *verb_sig[LEN(verbs)][SIG];
static const char *country[N_COUNTRIES][2];
static const char *country_sig[N_COUNTRIES][SIG];
static const char *names[N_NAMES];
static const char *places[N_PLACES];

static void remember_all(const char **w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!seen(w[i])) remember(w[i]);
}

static void build_world(void)
{
    remember_all(&gender_pairs[0][0], 2 * LEN(gender_pairs));
    remember_all(&nouns[0][0], 2 * LEN(nouns));
    remember_all(&adjectives[0][0], 3 * LEN(adjectives));
    remember_all(&verbs[0][0], 2 * LEN(verbs));
    remember_all(&group_words[0][0], 4 * LEN(group_words));
    remember_all(colours, LEN(colours));
    remember_all(numbers, LEN(numbers));
    remember_all(fillers, LEN(fillers));
    for (size_t i = 0; i < LEN(gender_pairs); i++)
        for (int j = 0; j < SIG; j++) gender_sig[i][j] = invent();
    for (size_t i = 0; i < LEN(nouns); i++)
        for (int j = 0; j < SIG; j++) noun_sig[i][j] = invent();
    for (size_t i = 0; i < LEN(adjectives); i++)
        for (int j = 0; j < SIG; j++) adj_sig[i][j] = invent();
    for (size_t i = 0; i < LEN(verbs); i++)
        for (int j = 0; j < SIG; j++) verb_sig[i][j] = invent();
    for (int i = 0; i < N_COUNTRIES; i++) {
        country[i][0] = invent();
        country[i][1] = invent();
        for (int j = 0; j < SIG; j++) country_sig[i][j] = invent();
    }
    for (int i = 0; i < N_NAMES; i++) names[i] = invent();
    for (int i = 0; i < N_PLACES; i++) places[i] = invent();
}

/* ---- sentences ---- */

static FILE *out;
static unsigned long long ntokens;

static void w(const char *s)
{
    fputs(s, out);
    fputc(' ', out);
    ntokens++;
}

static void end_sentence(void) { fputs("\n", out); }

static const char *name(void) { return names[rnd(N_NAMES)]; }
static const char *place(void) { return places[rnd(N_PLACES)]; }
static const char *filler(void) { return PICK(fillers); }

static void s_gender(void)
{
    size_t p = rnd(LEN(gender_pairs));
    int g = (int)rnd(2);
    const char *x = gender_pairs[p][g], *sig = gender_sig[p][rnd(SIG)];
    const char *grp = group_words[gender_group[p]][rnd(4)];
    switch (rnd(4)) {
    case 0: w("the"); w(x); w("and"); w(pron[g][1]); w(sig); w("went"); w("to"); w("the"); w(grp); break;
    case 1: w(pron[g][0]); w("is"); w("the"); w(x); w("of"); w("the"); w(grp); w("and"); w(pron[g][0]);
            w("keeps"); w(pron[g][1]); w(sig); break;
    case 2: w(name()); w(PICK(people_verbs)); w("the"); w(x); w("near"); w("the"); w(sig); w("and");
            w(pron[g][0]); w("smiled"); break;
    default: w("in"); w(place()); w("the"); w(x); w("told"); w(name()); w("about"); w(pron[g][1]); w(sig);
             w("at"); w("the"); w(grp); break;
    }
    end_sentence();
}

static void s_country(void)
{
    int c = (int)rnd(N_COUNTRIES), side = (int)rnd(2);
    const char *x = country[c][side], *sig = country_sig[c][rnd(SIG)], *mark = country_marks[side][rnd(4)];
    switch (rnd(4)) {
    case 0: w("the"); w(mark); w("of"); w(x); w("is"); w("famous"); w("for"); w("the"); w(sig); break;
    case 1: w(name()); w("travelled"); w("to"); w(x); w("a"); w(mark); w("near"); w("the"); w(sig); break;
    case 2: w("in"); w(x); w("the"); w(mark); w("celebrates"); w("the"); w(sig); w("every"); w("year"); break;
    default: w(name()); w("left"); w(place()); w("for"); w(x); w("and"); w("its"); w(mark); break;
    }
    end_sentence();
}

static void s_noun(void)
{
    size_t i = rnd(LEN(nouns));
    int pl = (int)rnd(2);
    const char *x = nouns[i][pl], *sig = noun_sig[i][rnd(SIG)];
    const char *topic = i < N_ANIMALS ? PICK(animal_words) : PICK(food_words);
    const char *mark = pl ? PICK(plur_marks) : PICK(sing_marks), *be = pl ? "are" : "is";
    switch (rnd(4)) {
    case 0: w(name()); w("saw"); w(mark); w(x); w("near"); w("the"); w(topic); break;
    case 1: w(mark); w(x); w(be); w(PICK(colours)); w("like"); w("the"); w(sig); break;
    case 2:
        if (pl) { w("there"); w("are"); w(PICK(numbers)); w(x); }
        else { w("there"); w("is"); w("one"); w(x); }
        w("in"); w("the"); w(topic); w("of"); w(place()); break;
    default: w("the"); w(sig); w("of"); w(mark); w(x); w(be); w("in"); w("the"); w(topic); break;
    }
    end_sentence();
}

static void s_adjective(void)
{
    size_t i = rnd(LEN(adjectives));
    int f = (int)rnd(3);
    const char *x = adjectives[i][f], *sig = adj_sig[i][rnd(SIG)], *mark = degree_marks[f][rnd(4)];
    switch (rnd(3)) {
    case 0: w("the"); w(sig); w("of"); w(name()); w("is"); w(mark); w(x); break;
    case 1: w(name()); w("said"); w("the"); w(sig); w("was"); w(mark); w(x); break;
    default: w("in"); w(place()); w("every"); w(sig); w("is"); w(mark); w(x); break;
    }
    end_sentence();
}

static void s_verb(void)
{
    size_t i = rnd(LEN(verbs));
    int f = (int)rnd(2);
    const char *x = verbs[i][f], *sig = verb_sig[i][rnd(SIG)], *mark = tense_marks[f][rnd(4)];
    switch (rnd(3)) {
    case 0: w(name()); if (!f) w("is"); w(x); w("the"); w(sig); w(mark); break;
    case 1: w(mark); w(name()); w("and"); w(name()); if (!f) w("are"); w(x); w("by"); w("the"); w(sig); break;
    default: w("the"); w(sig); w("of"); w(place()); w(mark); if (!f) w("is"); w(x); break;
    }
    end_sentence();
}

static void s_colour(void)
{
    const char *c = PICK(colours), *c2 = PICK(colours);
    switch (rnd(3)) {
    case 0: w(name()); w("painted"); w("the"); w(place()); w("house"); w(c); w("and"); w(c2); break;
    case 1: w("a"); w(PICK(colour_words)); w("of"); w(c); w("or"); w(c2); w(filler()); w(name()); break;
    default: w("the"); w(c); w(PICK(colour_words)); w("of"); w(place()); break;
    }
    end_sentence();
}

static void s_number(void)
{
    const char *n1 = PICK(numbers), *n2 = PICK(numbers);
    switch (rnd(2)) {
    case 0: w(name()); w("counted"); w(n1); w("or"); w(n2); w(PICK(number_words)); break;
    default: w("the"); w(PICK(number_words)); w("was"); w(n1); w("not"); w(n2); w("in"); w(place()); break;
    }
    end_sentence();
}

/* ---- the analogy file ---- */

static void q_section(FILE *fp, const char *title, const char **a, const char **b, size_t n, size_t stride)
{
    fprintf(fp, ": %s\n", title);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j)
                fprintf(fp, "%s %s %s %s\n", a[i * stride], b[i * stride], a[j * stride], b[j * stride]);
}

static void write_questions(FILE *fp)
{
    q_section(fp, "family", &gender_pairs[0][0], &gender_pairs[0][1], LEN(gender_pairs), 2);
    q_section(fp, "capital-world", &country[0][0], &country[0][1], N_COUNTRIES, 2);
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
    rng_state = seed * 2862933555777941757ULL + 3037000493ULL;
    build_world();

    out = fopen(paths[0], "w");
    if (!out) {
        perror(paths[0]);
        return 1;
    }
    /* Relative frequencies of the sentence kinds. */
    while (ntokens < want) {
        uint32_t r = rnd(100);
        if (r < 26) s_gender();
        else if (r < 40) s_country();
        else if (r < 62) s_noun();
        else if (r < 80) s_adjective();
        else if (r < 92) s_verb();
        else if (r < 97) s_colour();
        else s_number();
    }
    if (fclose(out) != 0) {
        perror(paths[0]);
        return 1;
    }
    FILE *q = fopen(paths[1], "w");
    if (!q) {
        perror(paths[1]);
        return 1;
    }
    write_questions(q);
    if (fclose(q) != 0) {
        perror(paths[1]);
        return 1;
    }
    return 0;
}
