/* lineedit: the edit buffer behind the viewer's prompts (a file name, a
 * search word, k). Pure: keys in, buffer and cursor out, no terminal, so it
 * is tested without one. The keys are readline's: Ctrl-U deletes back to the
 * start, Ctrl-W the word before the cursor, Ctrl-K to the end, Ctrl-A/E and
 * Home/End jump, Left/Right (Ctrl-B/F) move by a character. */
#ifndef EMBX_LINEEDIT_H
#define EMBX_LINEEDIT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct lineedit {
    char *buf;      /* the caller's buffer, always 0-terminated UTF-8 */
    size_t cap;     /* its size in bytes */
    size_t len;     /* bytes used */
    size_t pos;     /* cursor, a byte offset at a character boundary */
};

/* Editing keys that are not characters (the caller maps its terminal's codes). */
enum lineedit_key {
    LE_BACKSPACE = 1, LE_DELETE, LE_LEFT, LE_RIGHT, LE_HOME, LE_END,
    LE_KILL_START, LE_KILL_END, LE_KILL_WORD
};

/* Starts editing buf (its text kept: a default to accept or change), the
 * cursor at the end. */
void lineedit_init(struct lineedit *le, char *buf, size_t cap);
/* Inserts code point cp at the cursor; false when it does not fit (or is a
 * control character). */
bool lineedit_insert(struct lineedit *le, uint32_t cp);
/* Applies an editing key; false when it changed nothing. */
bool lineedit_apply(struct lineedit *le, enum lineedit_key k);
/* The editing key a control character stands for (Ctrl-U, Ctrl-W, Backspace
 * 8/127, ...), or 0 when it is none. */
enum lineedit_key lineedit_control(uint32_t ch);
/* Replaces the whole text (e.g. by a completion), the cursor at the end. */
void lineedit_set(struct lineedit *le, const char *text);

#endif
