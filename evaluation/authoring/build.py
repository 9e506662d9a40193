#!/usr/bin/env python3
"""Expand the compact authoring notation (authoring/{fi,en}_*.txt) into data/{fi,en}.jsonl.

Line format:  SPK CH REG SEC TONE EMO THEMES BEH HARD | text
  list fields are comma-separated, '.' = empty; themes are id+polarity suffix (+ - 0).
"""
import glob, json, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SPK = {'c': 'customer', 'a': 'agent', 'b': 'bot'}
CH = {'ph': 'phone', 'ch': 'chat', 'em': 'email', 'bo': 'bot', 'su': 'survey', 'so': 'social', 'vi': 'visit'}
REG = {'sp': 'spoken', 'fo': 'formal', 'ne': 'neutral'}
SEC = {'tel': 'telecom', 'ene': 'energy', 'ban': 'banking', 'ins': 'insurance', 'ret': 'retail', 'eco': 'ecommerce',
       'pub': 'public', 'tra': 'transport', 'uti': 'utilities', 'oth': 'other'}
TONE = {'-': 'negative', '0': 'neutral', '+': 'positive'}
EMO = {'fru': 'frustration', 'dis': 'disappointment', 'con': 'confusion', 'wor': 'worry', 'gra': 'gratitude'}
BEH = {'gre': 'greeting', 'int': 'introduction', 'emp': 'empathy', 'apo': 'apology', 'own': 'ownership',
       'sol': 'solution', 'cfr': 'confirm_resolution', 'nxt': 'next_steps', 'clo': 'polite_close', 'bla': 'blame_customer'}
HARD = {'neg': 'negation', 'pol': 'politeness', 'sar': 'sarcasm', 'imp': 'implicit', 'mix': 'mixed', 'q': 'question',
        'typ': 'typo', 'emo': 'emoji', 'cs': 'codeswitch', 'inf': 'inflection', 'cmp': 'compound', 'int': 'intensifier',
        'hed': 'hedge'}
POL = {'+': 'positive', '-': 'negative', '0': 'neutral'}
themes = {t['id'] for t in json.load(open(os.path.join(ROOT, '..', 'models', 'taxonomy.json')))['themes']}

def lst(s, table, where):
    if s == '.':
        return []
    out = []
    for x in s.split(','):
        if x not in table:
            raise ValueError(f'{where}: unknown code {x!r}')
        out.append(table[x])
    return out

def main():
    errors = 0
    for lang in ('fi', 'en'):
        rows, seen = [], set()
        for fn in sorted(glob.glob(os.path.join(HERE, f'{lang}_*.txt'))):
            for n, raw in enumerate(open(fn, encoding='utf-8'), 1):
                raw = raw.rstrip('\n')
                if not raw.strip() or raw.startswith('#'):
                    continue
                where = f'{os.path.basename(fn)}:{n}'
                try:
                    meta, text = raw.split(' | ', 1)
                    f = meta.split()
                    if len(f) != 9:
                        raise ValueError(f'{where}: expected 9 meta fields, got {len(f)}: {meta}')
                    spk, ch, reg, sec, tone, emo, th, beh, hard = f
                    th_list = []
                    if th != '.':
                        for t in th.split(','):
                            tid, p = t[:-1], t[-1]
                            if tid not in themes or p not in POL:
                                raise ValueError(f'{where}: bad theme {t!r}')
                            th_list.append({'id': tid, 'polarity': POL[p]})
                    row = {'text': text.strip(), 'lang': lang, 'speaker': SPK[spk], 'channel': CH[ch],
                           'register': REG[reg], 'sector': SEC[sec], 'tone': TONE[tone],
                           'emotions': lst(emo, EMO, where), 'themes': th_list,
                           'behaviours': lst(beh, BEH, where), 'hard': lst(hard, HARD, where)}
                    if row['behaviours'] and row['speaker'] != 'agent':
                        raise ValueError(f'{where}: behaviours on non-agent')
                    key = row['text'].lower()
                    if key in seen:
                        raise ValueError(f'{where}: duplicate text')
                    seen.add(key)
                    rows.append(row)
                except (ValueError, KeyError) as e:
                    errors += 1
                    print('ERROR', where, e, file=sys.stderr)
        with open(os.path.join(ROOT, 'data', f'{lang}.jsonl'), 'w', encoding='utf-8') as out:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + '\n')
        print(lang, len(rows), 'lines')
    sys.exit(1 if errors else 0)

if __name__ == '__main__':
    main()
