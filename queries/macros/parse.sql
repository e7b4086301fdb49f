-- Parsers for the text cells of the registers, applied set-wise by the staging step.
-- Each returns null when the text cannot be read; the staging step then quarantines the row with
-- the reason (a blank cell is null before it gets here, see ua_text).

-- Surrounding spaces (half- and full-width), tabs and line breaks trimmed; blank → null. Most cells
-- have none, and a prefix/suffix test is several times cheaper than trim() with a character set.
create or replace temp macro ua_text(s) as
  case
    when s like ' %' or s like '% ' or s like '　%' or s like '%　' or s like chr(9) || '%' or s like '%' || chr(9)
      or s like chr(10) || '%' or s like '%' || chr(10) or s like chr(13) || '%' or s like '%' || chr(13)
      then nullif(trim(s, ' ' || chr(9) || chr(10) || chr(13) || chr(12288) || chr(65279)), '')
    else nullif(s, '')
  end;

-- Dates: 2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日. Excel serial numbers are turned into
-- dates by the workbook reader, from number cells only (src/lib/ingest/workbook.ts): in text, 45356
-- or 2012 is not a date.
create or replace temp macro ua_date(s) as
  coalesce(
    try_cast(s as date),  -- fast path: ISO and 2024/3/5
    case
      when regexp_full_match(s, '\d{8}')
        then try(make_date(substr(s, 1, 4)::int, substr(s, 5, 2)::int, substr(s, 7, 2)::int))
      when regexp_full_match(s, '\d{4}[./年]\d{1,2}[./月]\d{1,2}日?')
        then try(make_date(
          regexp_extract(s, '^(\d{4})', 1)::int,
          regexp_extract(s, '^\d{4}[./年](\d{1,2})', 1)::int,
          regexp_extract(s, '(\d{1,2})日?$', 1)::int))
    end
  );
-- A year, or a year and month, without the day (2012, 2017.6, 2013年12月, 201201, 2013-12): the clerk
-- meant a date we cannot complete without guessing.
create or replace temp macro ua_partial_date(s) as
  regexp_full_match(s, '(19|20)\d{2}年?|(19|20)\d{2}\s*[./\-年]\s*\d{1,2}月?|(19|20)\d{2}(0[1-9]|1[0-2])');

-- Identifiers, phones and codes as clerks type them: full-width digits and letters (NFKC), spaces
-- anywhere (also no-break and ideographic), the leading ' that forces Excel text. ua_code_digits
-- also drops dashes, for values that are digits and letters only (ID numbers, credit codes, phones).
-- translate() builds its character map for every value (about 5 µs each: 2 s for four code columns
-- of 100,000 rows), so it runs only on values that hold a full-width digit or letter; on the others
-- it would change nothing.
create or replace temp macro ua_fullwidth(s) as
  case when regexp_matches(s, '[０-９Ａ-Ｚａ-ｚ]')
    then translate(s, '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')
    else s end;
-- Most codes are ASCII letters and digits already: one cheap full match says so and returns them as
-- they are (what the replacements would return), so regexp_replace, which builds a new string for
-- every value, runs only on the others (100,000 members: 0.10 → 0.01 s per code column).
create or replace temp macro ua_code(s) as
  case when regexp_full_match(s, '[0-9A-Za-z]+') then s else nullif(regexp_replace(
    ua_fullwidth(s),
    '^[\x27‘’]|[ \t\x{00A0}\x{2007}\x{202F}\x{3000}\x{200B}\x{FEFF}]', '', 'g'), '') end;
create or replace temp macro ua_code_digits(s) as
  case when regexp_full_match(s, '[0-9A-Za-z]+') then s
    else nullif(regexp_replace(ua_code(s), '[-‐‑‒–—―－]', '', 'g'), '') end;
-- An identifier as Excel writes a number cell it cannot show in full: 5.30423E+17.
create or replace temp macro ua_sci_number(s) as regexp_full_match(s, '\d+(\.\d+)?[eE]\+?\d+');

-- Booleans: 是/否, Y/N, 1/0, true/false, √/空 (a blank is null, which callers treat as "no" where the
-- contract says so).
-- (list_contains, not IN: DuckDB plans an IN list of this length as a join against the list, one per
-- use, and a staging query holds eight of them.)
create or replace temp macro ua_bool(s) as
  case
    when list_contains(['是', 'y', 'yes', '1', 'true', 't', '√', '✓', '有'], lower(s)) then true
    when list_contains(['否', 'n', 'no', '0', 'false', 'f', '×', '✗', '无'], lower(s)) then false
  end;

-- Whole numbers ≥ 0 ("12", "12.0" as Excel writes them, "1,200").
create or replace temp macro ua_int(s) as
  case when regexp_full_match(s, '\d{1,3}(,\d{3})*(\.0+)?|\d+(\.0+)?')
    then try_cast(replace(s, ',', '')::double as integer) end;

-- Years: "2024", "2024.0" (Excel), "2024年", "2024年度"; the range is a family rule (out_of_range).
create or replace temp macro ua_year(s) as
  case when regexp_full_match(s, '\d{1,9}(\.0+)?(年度?)?') then try_cast(regexp_extract(s, '^(\d+)', 1) as integer) end;

create or replace temp macro ua_decimal(s) as
  case when regexp_full_match(s, '\d+(\.\d+)?') then try_cast(s as decimal(9, 1)) end;

-- Money in yuan: "1200", "1,200.50", "1200.5元", "¥1200". Never rounded: a third decimal is refused,
-- and so is anything in 万 (ua_money_in_wan tells which).
create or replace temp macro ua_money_text(s) as
  regexp_replace(s, '^[¥￥]\s*|\s*元$', '', 'g');
create or replace temp macro ua_money(s) as
  case when regexp_full_match(ua_money_text(s), '\d{1,3}(,\d{3})+(\.\d{1,2})?|\d+(\.\d{1,2})?')
    then try_cast(replace(ua_money_text(s), ',', '') as decimal(18, 2)) end;
create or replace temp macro ua_money_in_wan(s) as s like '%万%';

-- GB 11643 resident ID: 17 digits + check character '10X98765432'[Σ(digit × weight) mod 11].
-- The digits are taken from the 17-digit prefix as one BIGINT: integer arithmetic is several times
-- faster than 17 substrings, which matters at 10M members.
create or replace temp macro ua_id_digits(s) as
  case when regexp_full_match(s, '\d{17}[0-9X]') then substr(s, 1, 17)::bigint end;
create or replace temp macro ua_id_check_of(n) as
  substr('10X98765432', ((
    (n // 10000000000000000 % 10) * 7 + (n // 1000000000000000 % 10) * 9 + (n // 100000000000000 % 10) * 10 +
    (n // 10000000000000 % 10) * 5 + (n // 1000000000000 % 10) * 8 + (n // 100000000000 % 10) * 4 +
    (n // 10000000000 % 10) * 2 + (n // 1000000000 % 10) * 1 + (n // 100000000 % 10) * 6 +
    (n // 10000000 % 10) * 3 + (n // 1000000 % 10) * 7 + (n // 100000 % 10) * 9 +
    (n // 10000 % 10) * 10 + (n // 1000 % 10) * 5 + (n // 100 % 10) * 8 +
    (n // 10 % 10) * 4 + (n // 1 % 10) * 2
  ) % 11)::int + 1, 1);
-- The birth date inside a valid-looking ID, from its digits (null when not a real date).
create or replace temp macro ua_ymd(b) as
  case when b // 100 % 100 between 1 and 12
    and b % 100 between 1 and day(last_day(make_date(b // 10000, b // 100 % 100, 1)))
    then make_date(b // 10000, b // 100 % 100, b % 100) end;
create or replace temp macro ua_id_birth_of(n) as ua_ymd(n // 1000 % 100000000);
create or replace temp macro ua_id_birth(s) as ua_id_birth_of(ua_id_digits(s));
create or replace temp macro ua_id_gender(s) as
  case when (ascii(substr(s, 17, 1)) - 48) % 2 = 1 then '男' else '女' end;
-- null when valid, else what is wrong ('中文|English'). `n` is ua_id_digits(s): callers that check
-- many rows compute it once per row (a column) and pass it in; every test below is then arithmetic.
create or replace temp macro ua_id_problem_with(s, n) as
  case
    when n is null and length(s) <> 18 then '应为18位，实为' || length(s) || '位|must be 18 characters, found ' || length(s)
    when n is null then '前17位应为数字，末位为数字或X|17 digits then a digit or X'
    when not list_contains([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44,
        45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83], n // 1000000000000000)
      then '前两位不是有效的省级行政区划代码|the first two digits are not a province code'
    when ua_id_birth_of(n) is null then '第7-14位出生日期无效|characters 7-14 are not a birth date'
    -- (not which one is expected: it is a function of the digits a masked ID hides)
    when ua_id_check_of(n) <> substr(s, 18, 1) then '校验位错误|wrong check character'
  end;
create or replace temp macro ua_id_problem(s) as ua_id_problem_with(s, ua_id_digits(s));

-- GB 32100 unified social credit code: 17 characters of the code set + check character
-- (31 − Σ(value × weight) mod 31) mod 31, where a character's value is its place in the code set.
create or replace temp macro ua_credit_value(c) as strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', c) - 1;
create or replace temp macro ua_credit_expected(s) as
  substr('0123456789ABCDEFGHJKLMNPQRTUWXY', ((31 - ((
    (ua_credit_value(substr(s, 1, 1))) * 1 + (ua_credit_value(substr(s, 2, 1))) * 3 + (ua_credit_value(substr(s, 3, 1))) * 9 +
    (ua_credit_value(substr(s, 4, 1))) * 27 + (ua_credit_value(substr(s, 5, 1))) * 19 + (ua_credit_value(substr(s, 6, 1))) * 26 +
    (ua_credit_value(substr(s, 7, 1))) * 16 + (ua_credit_value(substr(s, 8, 1))) * 17 + (ua_credit_value(substr(s, 9, 1))) * 20 +
    (ua_credit_value(substr(s, 10, 1))) * 29 + (ua_credit_value(substr(s, 11, 1))) * 25 + (ua_credit_value(substr(s, 12, 1))) * 13 +
    (ua_credit_value(substr(s, 13, 1))) * 8 + (ua_credit_value(substr(s, 14, 1))) * 24 + (ua_credit_value(substr(s, 15, 1))) * 10 +
    (ua_credit_value(substr(s, 16, 1))) * 30 + (ua_credit_value(substr(s, 17, 1))) * 28
  ) % 31)) % 31) + 1, 1);
create or replace temp macro ua_credit_problem_with(s, expected) as
  case
    when length(s) <> 18 then '应为18位，实为' || length(s) || '位|must be 18 characters, found ' || length(s)
    when not regexp_full_match(s, '[0-9A-HJ-NPQRTUWXY]{18}')
      then '含有不允许的字符（不使用 I、O、S、V、Z）|contains a character outside the code set (no I, O, S, V, Z)'
    when expected <> substr(s, 18, 1)
      then '校验位错误，应为' || expected || '|wrong check character, expected ' || expected
  end;
create or replace temp macro ua_credit_problem(s) as ua_credit_problem_with(s, ua_credit_expected(s));
